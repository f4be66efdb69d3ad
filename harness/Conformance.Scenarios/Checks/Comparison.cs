using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Scenarios.Model;

namespace Conformance.Scenarios.Checks;

internal static class Comparison
{
    public static bool Matches(Match match, JsonNode? observed, JsonNode? expected) => match switch
    {
        Match.Equals => Same(observed, expected),
        Match.Contains => Contains(observed, expected),
        Match.Excludes => observed is not null && !Contains(observed, expected),
        Match.AtLeast => Number(observed) is double o && Number(expected) is double e && o >= e,
        _ => Number(observed) is double o2 && Number(expected) is double e2 && o2 <= e2,
    };

    private static bool Same(JsonNode? a, JsonNode? b)
    {
        if (Number(a) is double x && Number(b) is double y)
        {
            return x.Equals(y);
        }
        return JsonNode.DeepEquals(a, b);
    }

    private static bool Contains(JsonNode? observed, JsonNode? expected) => observed switch
    {
        JsonArray array => array.Any(item => Same(item, expected)),
        JsonValue value when value.TryGetValue<string>(out var text) => expected is JsonValue e && text.Contains(e.ToString(), StringComparison.Ordinal),
        _ => false,
    };

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
