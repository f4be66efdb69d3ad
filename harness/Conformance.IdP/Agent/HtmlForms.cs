using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Conformance.IdP.Agent;

/// <summary>A form on a page: where it goes and the named inputs it would send.</summary>
internal sealed record HtmlForm(string Method, string? Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string? Field(string name) => Fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.Ordinal)).Value;

    public bool Has(string name) => Fields.Any(f => string.Equals(f.Key, name, StringComparison.Ordinal));
}

/// <summary>
/// What a browser reads of SAML pages: forms, their named controls, and the #error text. Any SP's pages come through
/// here, so they are parsed as HTML5 is (AngleSharp), not matched with patterns that an unusual but valid page defeats.
/// </summary>
public static class HtmlForms
{
    internal static IReadOnlyList<HtmlForm> Find(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        return [.. document.Forms.Select(form => new HtmlForm(
            form.GetAttribute("method")?.ToUpperInvariant() ?? "GET",
            form.GetAttribute("action"),
            [.. form.QuerySelectorAll("input[name], button[name], textarea[name]").Select(control => new KeyValuePair<string, string>(
                control.GetAttribute("name")!,
                control is IHtmlTextAreaElement area ? area.Value : control.GetAttribute("value") ?? ""))]))];
    }

    /// <summary>The text of the element with this id (#error, #signed-out), read as a browser parses the page.</summary>
    public static string? TextById(string html, string id) =>
        new HtmlParser().ParseDocument(html).GetElementById(id)?.TextContent.Trim();
}
