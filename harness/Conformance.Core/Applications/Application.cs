namespace Conformance.Core.Applications;

public enum PortalImageKind
{
    Logo,
    ColorIndicator,
}

/// <summary>What "+ Add New Application" made: a SAML connector, or a Bookmark (a tile that only opens a URL).</summary>
public enum ApplicationKind
{
    Saml,
    Bookmark,
}

/// <summary>"User Portal Image - choose Logo or Color Indicator"; <see cref="Value"/> is a logo name or a colour (#rrggbb).</summary>
public sealed record PortalImage(PortalImageKind Kind, string Value);

/// <summary>
/// A configured application as the Admin Portal shows it. <see cref="SsoSuffix"/> is fixed at creation:
/// "The SSO IdP URL is not editable after the application is created."
/// </summary>
public sealed record Application
{
    public required string Id { get; init; }

    /// <summary>The catalogue name searched for on "+ Add New Application" (e.g. BlueJeans).</summary>
    public required string Name { get; init; }

    public required string DisplayLabel { get; init; }
    public string Description { get; init; } = "";
    public PortalImage PortalImage { get; init; } = new(PortalImageKind.Logo, "default");
    public bool ShowInPortal { get; init; } = true;

    /// <summary>The end of the SSO IdP URL, https://sso.jumpcloud.com/saml2/{custom_value}.</summary>
    public required string SsoSuffix { get; init; }

    public ApplicationKind Kind { get; init; } = ApplicationKind.Saml;

    /// <summary>A Bookmark's URL: what its User Console tile opens, no SAML involved.</summary>
    public string? BookmarkUrl { get; init; }

    /// <summary>False after "Deactivate Bookmark": the tile no longer shows.</summary>
    public bool BookmarkActive { get; init; } = true;

    public IReadOnlySet<string> BoundGroupIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
