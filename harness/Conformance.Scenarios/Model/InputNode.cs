using System.Globalization;
using System.Text.Json.Nodes;
using Conformance.Results;

namespace Conformance.Scenarios.Model;

/// <summary>
/// A YAML value with the place it was written, kept so that inputs can be bound (and their errors
/// located) both when a file is validated and, after template expansion, when the step runs.
/// </summary>
public abstract record InputNode(SourceLocation Location)
{
    public sealed record Scalar(string Value, bool Quoted, SourceLocation At) : InputNode(At);

    public sealed record Mapping(IReadOnlyList<Entry> Entries, SourceLocation At) : InputNode(At)
    {
        public InputNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;
    }

    public sealed record Sequence(IReadOnlyList<InputNode> Items, SourceLocation At) : InputNode(At);

    public sealed record Entry(string Key, SourceLocation KeyLocation, InputNode Value);

    public static Mapping Empty(SourceLocation at) => new([], at);

    /// <summary>The value as JSON: plain true/false/numbers/null become JSON scalars, quoted text stays a string.</summary>
    public JsonNode? ToJson() => this switch
    {
        Scalar { Quoted: true } s => JsonValue.Create(s.Value),
        Scalar s when s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
        Scalar s when s.Value is "null" or "~" or "" => null,
        Scalar s when long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        Scalar s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        Scalar s => JsonValue.Create(s.Value),
        Sequence q => new JsonArray([.. q.Items.Select(i => i.ToJson())]),
        Mapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value.ToJson()))),
        _ => null,
    };

    /// <summary>Rewrites every scalar (for <c>${…}</c> expansion at run time).</summary>
    public InputNode MapScalars(Func<Scalar, Scalar> map) => this switch
    {
        Scalar s => map(s),
        Sequence q => q with { Items = [.. q.Items.Select(i => i.MapScalars(map))] },
        Mapping m => m with { Entries = [.. m.Entries.Select(e => e with { Value = e.Value.MapScalars(map) })] },
        _ => this,
    };
}
