namespace BlueJeans.Stub;

/// <summary>What the ADMIN &gt; SECURITY page shows: the settings plus the values the SP generates ("RelayState - copy this value.").</summary>
public sealed record SamlAdminPage(SamlSettings Settings, string EntityId, string AcsUrl, string RelayState, string LoginLink)
{
    /// <summary>The SP's single logout endpoint (HTTP-Redirect), for the IdP's SSO tab.</summary>
    public string? SloUrl { get; init; }
}
