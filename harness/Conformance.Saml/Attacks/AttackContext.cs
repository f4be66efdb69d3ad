using System.Security.Cryptography.X509Certificates;
using Conformance.Saml.Responses;

namespace Conformance.Saml.Attacks;

/// <summary>What every forgery starts from: the valid login of the scenario's user, and the attacker's means.</summary>
public sealed record AttackContext
{
    /// <summary>The valid Response for the scenario's user (the victim); each case changes one thing of it.</summary>
    public required ResponseSpec Victim { get; init; }

    /// <summary>The application's IdP signing certificate with its private key: the one the SP trusts.</summary>
    public required X509Certificate2 IdpCertificate { get; init; }

    /// <summary>A key the SP does not trust, with its private key, for the foreign-key case.</summary>
    public required X509Certificate2 AttackerCertificate { get; init; }

    /// <summary>Who the unsigned evil Assertion names, so "logged in as X" shows which Assertion the SP used.</summary>
    public string AttackerNameId { get; init; } = "admin";

    /// <summary>A harness listener the XXE case points its external entity at; the SP must never fetch it.</summary>
    public Uri? ListenerUrl { get; init; }

    /// <summary>
    /// The clock skew the time cases step beyond. SPs allow 1-5 minutes; a window that ends this long
    /// before <see cref="ResponseSpec.IssueInstant"/> is expired for any reasonable SP.
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(10);
}
