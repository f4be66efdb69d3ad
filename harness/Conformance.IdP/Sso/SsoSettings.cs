using Conformance.Saml.Metadata;
using Conformance.Saml.Responses;

namespace Conformance.IdP.Sso;

/// <summary>One AttributeStatement line of the SSO tab: the attribute name the SP expects and the user property that fills it.</summary>
public sealed record AttributeMapping(string Name, string UserProperty);

/// <summary>
/// An application's SSO tab. "To configure JumpCloud 2 … In the Target URL field, paste the Relay
/// State value" — <see cref="TargetUrl"/> is the RelayState of IdP-initiated launches.
/// </summary>
public sealed record SsoSettings
{
    public required string SpEntityId { get; init; }
    public required string AcsUrl { get; init; }
    public string? TargetUrl { get; init; }
    public string? SloUrl { get; init; }

    /// <summary>The user property asserted as NameID: email, username, employeeIdentifier, …</summary>
    public string NameIdSource { get; init; } = "email";

    public string NameIdFormat { get; init; } = Conformance.Saml.SamlNames.NameIdUnspecified;
    public IReadOnlyList<AttributeMapping> Attributes { get; init; } = [];
    public SignedParts Signing { get; init; } = SignedParts.Both;

    /// <summary>False after "Deactivate SSO": launches and SP-initiated requests get a SAML error.</summary>
    public bool Active { get; init; } = true;

    /// <summary>The SP's signing certificate, to check signed AuthnRequests and LogoutRequests.</summary>
    public string? SpCertificatePem { get; init; }

    /// <summary>The SSO tab filled from SP metadata.</summary>
    public static SsoSettings FromSpMetadata(SpMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new SsoSettings
        {
            SpEntityId = metadata.EntityId,
            AcsUrl = metadata.AcsUrl,
            SloUrl = metadata.SloUrl,
            SpCertificatePem = metadata.SigningCertificatePem,
        };
    }

    /// <summary>"Add or change any attributes": replaces the mapping of that name, or adds it.</summary>
    public SsoSettings WithAttribute(string name, string userProperty) =>
        this with
        {
            Attributes = [.. Attributes.Where(a => !string.Equals(a.Name, name, StringComparison.Ordinal)), new AttributeMapping(name, userProperty)],
        };
}
