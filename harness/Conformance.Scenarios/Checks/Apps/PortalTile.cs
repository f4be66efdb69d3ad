using System.ComponentModel;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Conformance.IdP.Agent;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Checks.Apps;

public enum TileField
{
    [Description("true when the user's console shows a tile for the application.")]
    Shown,

    [Description("The tile's title: the application's display label.")]
    Label,

    [Description("The tile's description text.")]
    Description,

    [Description("The tile's colour indicator (CSS colour), null for a logo.")]
    Color,

    [Description("The tile's logo, null for a colour indicator.")]
    Logo,

    [Description("Where clicking the tile goes: a Bookmark's URL, or the IdP's launch of a SAML application.")]
    Opens,
}

public sealed record PortalTileInput
{
    public required string App { get; init; }

    [Description("The user who signs in to the User Console.")]
    [RunMarked]
    public required string User { get; init; }

    public required TileField Field { get; init; }
}

/// <summary>
/// What a user sees of an application in the JumpCloud User Console: the user signs in over HTTP (captured) and the
/// application's tile is read from the page, so the Admin Portal's settings are checked by their effect, not read back.
/// </summary>
public sealed partial class PortalTile : Condition<PortalTileInput>
{
    public override string Name => "portal.tile";
    public override string Description => "The application's tile in a user's User Console: shown, label, description, color, logo, opens.";

    protected override async Task<Observation> ObserveAsync(PortalTileInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var user = context.Directory.GetUser(input.User);
        var app = context.Applications.Get(input.App);
        using var agent = new SsoUserAgent(new Uri(context.Idp.BaseUrl), context, context.Redactor, context.Time);
        var console = await agent.LoginAsync(user.Username, user.Password, cancellationToken).ConfigureAwait(false);
        if (console.Error is not null)
        {
            return new Observation(null, $"the user could not sign in to the User Console: {console.Error}");
        }
        var page = await new HtmlParser().ParseDocumentAsync(console.FinalBody, cancellationToken).ConfigureAwait(false);
        var tile = page.QuerySelectorAll("a.tile").FirstOrDefault(t => t.GetAttribute("data-app-id") == app.Id);
        var titles = string.Join(", ", page.QuerySelectorAll("a.tile strong").Select(s => s.TextContent));
        var value = input.Field switch
        {
            TileField.Shown => (System.Text.Json.Nodes.JsonNode?)(tile is not null),
            _ when tile is null => null,
            TileField.Label => tile.QuerySelector("strong")?.TextContent,
            TileField.Description => tile.QuerySelector("small")?.TextContent,
            TileField.Color => TileColor().Match(tile.GetAttribute("style") ?? "") is { Success: true } m ? m.Groups[1].Value.Trim() : null,
            TileField.Logo => tile.QuerySelector(".logo")?.GetAttribute("data-logo"),
            _ => tile.GetAttribute("href"),
        };
        return new Observation(value, $"{user.Username}'s User Console shows {(titles.Length == 0 ? "no tiles" : titles)}");
    }

    [GeneratedRegex("--tile-color:([^;]+)")]
    private static partial Regex TileColor();
}
