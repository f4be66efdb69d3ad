namespace Conformance.Core.Saml;

public enum SamlMessageKind
{
    AuthnRequest,
    Response,
    LogoutRequest,
    LogoutResponse,
}

/// <summary>
/// A SAML message exactly as it was sent or received, with what anyone needs to re-validate it
/// with another SAML library (the design's results.json contract: file, certificate, idpEntityId,
/// spEntityId, acsUrl, expectAccepted).
/// </summary>
public sealed record SamlMessageRecord
{
    public required SamlMessageKind Kind { get; init; }

    /// <summary>The XML as it went on the wire (before base64/deflate), byte for byte.</summary>
    public required byte[] Xml { get; init; }

    /// <summary>PEM of the certificate whose key signed it; null when unsigned or not ours.</summary>
    public string? CertificatePem { get; init; }

    public required string IdpEntityId { get; init; }
    public required string SpEntityId { get; init; }

    /// <summary>Where it was sent: the ACS for a Response, the IdP's SSO URL for an AuthnRequest.</summary>
    public required string Destination { get; init; }

    /// <summary>Whether a conforming SP should accept it (false for the security suite's forged Responses).</summary>
    public bool ExpectAccepted { get; init; } = true;

    public string? RelayState { get; init; }
    public string? ApplicationId { get; init; }

    /// <summary>
    /// What the signatures of a Response said when it was captured, checked against <see cref="CertificatePem"/>
    /// (never its KeyInfo); null for other messages. Reports show it as recorded, they never verify again.
    /// </summary>
    public string? Signatures { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>Where SAML messages go: the scenario's evidence, artifacts/saml/ of the run folder.</summary>
public interface ISamlMessageSink
{
    void Record(SamlMessageRecord message);
}
