using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BlueJeans.Stub.Scim;

/// <summary>
/// The one filter form IdPs send for lookups (<c>userName eq "…"</c>): a single <c>eq</c> on a
/// supported attribute, compared case-insensitively. Anything else is <c>invalidFilter</c>.
/// </summary>
internal sealed partial record ScimFilter(string Attribute, string Value)
{
    public static ScimFilter? Parse(string? filter, IReadOnlyCollection<string> attributes)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }
        var match = EqPattern().Match(filter);
        if (!match.Success)
        {
            throw new ScimException(400, "invalidFilter", $"Unsupported filter '{filter}': only <attribute> eq \"<value>\" is supported.");
        }
        var attribute = attributes.FirstOrDefault(a => a.Equals(match.Groups["attr"].Value, StringComparison.OrdinalIgnoreCase))
            ?? throw new ScimException(400, "invalidFilter", $"Filtering on '{match.Groups["attr"].Value}' is not supported; use one of {string.Join(", ", attributes)}.");
        return new ScimFilter(attribute, Regex.Unescape(match.Groups["value"].Value));
    }

    public bool Matches(JsonObject resource) =>
        ScimJson.Get(resource, Attribute) is JsonValue value
        && value.TryGetValue<string>(out var text)
        && text.Equals(Value, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("""^\s*(?<attr>[A-Za-z][\w.]*)\s+eq\s+"(?<value>(?:[^"\\]|\\.)*)"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex EqPattern();
}
