using System.Net;
using System.Text.RegularExpressions;

namespace Conformance.IdP.Agent;

/// <summary>A form on a page: where it goes and the named inputs it would send.</summary>
internal sealed record HtmlForm(string Method, string? Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.Ordinal)).Value;

    public bool Has(string name) => Fields.Any(f => string.Equals(f.Key, name, StringComparison.Ordinal));
}

/// <summary>
/// Just enough HTML reading to do what a browser does on SAML pages: find forms, their inputs, and
/// the #error text. Any SP's pages may come through here, so nothing assumes our own markup beyond that.
/// </summary>
internal static partial class HtmlForms
{
    public static IReadOnlyList<HtmlForm> Find(string html) =>
        [.. FormPattern().Matches(html).Select(m =>
        {
            var attributes = Attributes(m.Groups["attrs"].Value);
            var fields = InputPattern().Matches(m.Groups["body"].Value)
                .Select(i => Attributes(i.Groups["attrs"].Value))
                .Where(a => a.ContainsKey("name"))
                .Select(a => new KeyValuePair<string, string>(a["name"], a.GetValueOrDefault("value") ?? ""))
                .ToList();
            return new HtmlForm(attributes.GetValueOrDefault("method")?.ToUpperInvariant() ?? "GET", attributes.GetValueOrDefault("action"), fields);
        })];

    public static string? ErrorText(string html)
    {
        var match = ErrorPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(TagPattern().Replace(match.Groups["text"].Value, "")).Trim() : null;
    }

    private static Dictionary<string, string> Attributes(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in AttributePattern().Matches(text))
        {
            var value = m.Groups["dq"].Success ? m.Groups["dq"].Value : m.Groups["sq"].Success ? m.Groups["sq"].Value : m.Groups["bare"].Value;
            result.TryAdd(m.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }
        return result;
    }

    [GeneratedRegex(@"<form\b(?<attrs>[^>]*)>(?<body>.*?)</form\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<(?:input|button)\b(?<attrs>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s""'>]+))")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"<(?<tag>\w+)[^>]*\bid\s*=\s*[""']error[""'][^>]*>(?<text>.*?)</\k<tag>\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
