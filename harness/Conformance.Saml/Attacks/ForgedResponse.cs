namespace Conformance.Saml.Attacks;

/// <summary>A forged Response exactly as it goes on the wire (before base64).</summary>
/// <param name="AttackId">The <see cref="AttackCase.Id"/>.</param>
/// <param name="Xml">The bytes to post, and to save under artifacts/saml/ with expectAccepted: false (for replay: the last send).</param>
/// <param name="ExpectedRefusal">What a conforming SP does with it.</param>
/// <param name="ImpersonatedNameId">Who the SP is logged in as when it falls for the case.</param>
/// <param name="CertificatePem">The certificate whose key signed it; null when nothing is signed.</param>
public sealed record ForgedResponse(string AttackId, byte[] Xml, string ExpectedRefusal, string ImpersonatedNameId, string? CertificatePem)
{
    public string Base64 => Convert.ToBase64String(Xml);

    /// <summary>How many times to post it: 2 for replay, where the second post is the attack.</summary>
    public int Sends { get; init; } = 1;
}

/// <summary>What a case's forger returns; the catalog adds the case's metadata.</summary>
internal sealed record Forgery(byte[] Xml, string ImpersonatedNameId, string? CertificatePem, int Sends = 1);
