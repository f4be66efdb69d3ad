namespace Conformance.Core.Applications;

/// <summary>What an administrator types on "+ Add New Application"; null fields keep their defaults.</summary>
public sealed record ApplicationSettings
{
    public required string Name { get; init; }
    public string? DisplayLabel { get; init; }
    public string? Description { get; init; }
    public PortalImage? PortalImage { get; init; }
    public bool? ShowInPortal { get; init; }

    /// <summary>Saml unless given; a Bookmark needs <see cref="BookmarkUrl"/>.</summary>
    public ApplicationKind? Kind { get; init; }

    /// <summary>A Bookmark's URL (absolute http or https).</summary>
    public string? BookmarkUrl { get; init; }

    /// <summary>Advanced Settings: the custom end of the IdP URL; derived from the name when absent.</summary>
    public string? SsoSuffix { get; init; }
}
