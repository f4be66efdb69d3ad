using System.Text.Json.Nodes;

namespace Conformance.Scenarios.Model;

public enum Match
{
    /// <summary>Observed equals expected (JSON deep equality; 1 and 1.0 are equal).</summary>
    Equals,

    /// <summary>Observed text contains the expected text, or an observed list contains the expected item.</summary>
    Contains,

    /// <summary>Observed list or text does not contain the expected item.</summary>
    Excludes,

    AtLeast,
    AtMost,
}

public sealed record ExpectedValue(Match Match, InputNode Value)
{
    public string Describe() => Match switch
    {
        Match.Equals => Render(Value.ToJson()),
        Match.Contains => $"contains {Render(Value.ToJson())}",
        Match.Excludes => $"does not contain {Render(Value.ToJson())}",
        Match.AtLeast => $">= {Render(Value.ToJson())}",
        _ => $"<= {Render(Value.ToJson())}",
    };

    internal static string Render(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
