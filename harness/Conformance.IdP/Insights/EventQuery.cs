using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Insights;

namespace Conformance.IdP.Insights;

/// <summary>
/// The body of a Directory Insights query, as JumpCloud's API takes it: <c>service</c> and <c>start_time</c> required,
/// <c>end_time</c>, <c>limit</c> (1 to 10,000), <c>sort</c> (ASC/DESC on timestamp), <c>search_term</c> (<c>and</c>:
/// every field matches; <c>or</c>: any does; a list of values matches any of them), <c>search_after</c> (the
/// <c>X-Search_after</c> cursor of the previous page) and <c>fields</c> (a projection).
/// </summary>
internal sealed record EventQuery
{
    public const int MaxLimit = 10_000;

    // Events never change once logged: each is turned into JSON once for every query that filters on its fields.
    private static readonly ConditionalWeakTable<InsightsEvent, JsonObject> Json = new();

    public required IReadOnlyList<string> Services { get; init; }
    public required DateTimeOffset Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public int Limit { get; init; } = MaxLimit;
    public bool Descending { get; init; } = true;
    public IReadOnlyList<(string Field, JsonNode? Value)> And { get; init; } = [];
    public IReadOnlyList<(string Field, JsonNode? Value)> Or { get; init; } = [];
    public (long Millis, string Id)? After { get; init; }
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Reads a request body; a mistake is an <see cref="ArgumentException"/> naming the field.</summary>
    public static EventQuery Parse(JsonNode? body)
    {
        if (body is not JsonObject o)
        {
            throw new ArgumentException("the body must be a JSON object with service and start_time");
        }
        List<string> services = o["service"] is JsonArray s ? [.. s.Select(v => Text(v, "service"))] : throw new ArgumentException("service is required: a list such as [\"all\"] or [\"sso\"]");
        var term = o["search_term"] as JsonObject;
        return new EventQuery
        {
            Services = services.Count > 0 ? services : throw new ArgumentException("service must name at least one service"),
            Start = Time(o["start_time"], "start_time") ?? throw new ArgumentException("start_time is required (RFC 3339)"),
            End = Time(o["end_time"], "end_time"),
            Limit = o["limit"] is null ? MaxLimit : LimitOf(o["limit"]),
            Descending = Text(o["sort"] ?? "DESC", "sort").ToUpperInvariant() switch
            {
                "DESC" => true,
                "ASC" => false,
                var other => throw new ArgumentException($"sort must be ASC or DESC, not '{other}'"),
            },
            And = Terms(term?["and"], "search_term.and"),
            Or = Terms(term?["or"], "search_term.or"),
            After = Cursor(o["search_after"]),
            Fields = o["fields"] is JsonArray f ? [.. f.Select(v => Text(v, "fields"))] : [],
        };
    }

    /// <summary>The matching events in the query's order, before paging.</summary>
    public IEnumerable<InsightsEvent> Matching(IEnumerable<InsightsEvent> events)
    {
        var matching = events.Where(e => e.Timestamp >= Start && (End is null || e.Timestamp <= End)
            && (Services.Contains("all") || Services.Contains(e.Service))
            && Matches(e));
        return Descending
            ? matching.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            : matching.OrderBy(e => e.Timestamp).ThenBy(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>One page: the events after the cursor, at most <see cref="Limit"/>.</summary>
    public IReadOnlyList<InsightsEvent> Page(IEnumerable<InsightsEvent> events)
    {
        var ordered = Matching(events);
        if (After is { } after)
        {
            ordered = ordered.Where(e => Descending ? Compare(e, after) < 0 : Compare(e, after) > 0);
        }
        return [.. ordered.Take(Limit)];
    }

    /// <summary>The cursor naming an event, as X-Search_after carries it: [epoch milliseconds, id].</summary>
    public static string CursorOf(InsightsEvent e) =>
        new JsonArray(e.Timestamp.ToUnixTimeMilliseconds(), e.Id).ToJsonString();

    /// <summary>An event as the API returns it, cut to the requested fields.</summary>
    public JsonObject Project(InsightsEvent e)
    {
        var all = JsonOf(e).DeepClone().AsObject();
        if (Fields.Count == 0)
        {
            return all;
        }
        var projected = new JsonObject();
        foreach (var field in Fields.Where(f => all.ContainsKey(f)))
        {
            projected[field] = all[field]!.DeepClone();
        }
        return projected;
    }

    /// <summary>The event as the API names its fields; shared and read-only (clone it to hand it out).</summary>
    public static JsonObject JsonOf(InsightsEvent e) => Json.GetValue(e, ev => JsonSerializer.SerializeToNode(ev)!.AsObject());

    /// <summary>A field's value by dotted path (initiated_by.type, resource.username), as the API's field names read.</summary>
    public static JsonNode? Field(JsonObject e, string path)
    {
        JsonNode? node = e;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return node;
    }

    private bool Matches(InsightsEvent e)
    {
        if (And.Count == 0 && Or.Count == 0)
        {
            return true;
        }
        var json = JsonOf(e);
        return And.All(t => TermMatches(json, t)) && (Or.Count == 0 || Or.Any(t => TermMatches(json, t)));
    }

    private static bool TermMatches(JsonObject e, (string Field, JsonNode? Value) term)
    {
        var actual = Field(e, term.Field);
        return term.Value is JsonArray anyOf ? anyOf.Any(v => JsonNode.DeepEquals(actual, v)) : JsonNode.DeepEquals(actual, term.Value);
    }

    private static int Compare(InsightsEvent e, (long Millis, string Id) cursor)
    {
        var byTime = e.Timestamp.ToUnixTimeMilliseconds().CompareTo(cursor.Millis);
        return byTime != 0 ? byTime : string.CompareOrdinal(e.Id, cursor.Id);
    }

    private static IReadOnlyList<(string, JsonNode?)> Terms(JsonNode? node, string what) => node switch
    {
        null => [],
        JsonObject o => [.. o.Select(p => (p.Key, p.Value?.DeepClone()))],
        // The SDKs send a list of one-field objects as well.
        JsonArray a => [.. a.SelectMany(item => item is JsonObject o ? o.Select(p => (p.Key, p.Value?.DeepClone())) : throw new ArgumentException($"{what} must hold objects of field: value"))],
        _ => throw new ArgumentException($"{what} must be an object of field: value"),
    };

    private static (long, string)? Cursor(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }
        return node is JsonArray { Count: 2 } pair && pair[0] is JsonValue time && time.TryGetValue<long>(out var ms)
            && pair[1] is JsonValue id && id.TryGetValue<string>(out var text)
            ? (ms, text)
            : throw new ArgumentException("search_after must be the X-Search_after value of the previous page: [milliseconds, id]");
    }

    private static int LimitOf(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<int>(out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new ArgumentException($"limit must be a whole number from 1 to {MaxLimit}");

    private static DateTimeOffset? Time(JsonNode? node, string what) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) => time,
        _ => throw new ArgumentException($"{what} must be an RFC 3339 time such as 2026-12-01T00:00:00Z"),
    };

    private static string Text(JsonNode? node, string what) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw new ArgumentException($"{what} must hold text");
}
