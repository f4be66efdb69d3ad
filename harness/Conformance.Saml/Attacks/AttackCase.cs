namespace Conformance.Saml.Attacks;

/// <summary>How a result counts when the SP falls for a case.</summary>
public enum AttackSeverity
{
    Failure,
    Warning,
}

/// <summary>The report's sub-groups under "Security".</summary>
public enum AttackFamily
{
    SignatureWrapping,
    Signature,
    TimeAndAudience,
    CommentInjection,
    Xml,
}

/// <summary>When a case applies: a few only make sense against an SP that declared a signing policy.</summary>
public enum AttackPrecondition
{
    None,

    /// <summary>The target says it requires a signed Assertion (metadata WantAssertionsSigned, or its documentation).</summary>
    TargetRequiresSignedAssertion,

    /// <summary>The target says it requires the Response itself to be signed.</summary>
    TargetRequiresSignedResponse,

    /// <summary>The case needs <see cref="AttackContext.ListenerUrl"/>: a harness listener the SP must never call.</summary>
    NeedsListener,
}

/// <summary>One forged-Response case of the SP security suite (issue 9).</summary>
public sealed record AttackCase
{
    internal AttackCase(Func<AttackContext, Forgery> forge) => Forge = forge;

    /// <summary>Stable id, used in scenario files, reports and expected-failures.yaml.</summary>
    public required string Id { get; init; }

    public required AttackFamily Family { get; init; }
    public required string Title { get; init; }

    /// <summary>One line a vendor understands: what was changed and why accepting it is dangerous.</summary>
    public required string Explanation { get; init; }

    /// <summary>Where the case comes from (paper, tool, CVE, spec section).</summary>
    public required string Source { get; init; }

    /// <summary>What a conforming SP does with it.</summary>
    public required string ExpectedRefusal { get; init; }

    public AttackSeverity Severity { get; init; } = AttackSeverity.Failure;

    /// <summary>
    /// The BlueJeans stub defence (docs/sp-control-api.md) that refuses it; null when the stub has no
    /// switchable rule for it (it is safe by construction, or it does not check it).
    /// </summary>
    public string? StubDefence { get; init; }

    public AttackPrecondition Precondition { get; init; } = AttackPrecondition.None;

    /// <summary>
    /// False when a login is fine as long as it is not as <see cref="ForgedResponse.ImpersonatedNameId"/>
    /// (comment injection: logging in as the full signed value is correct).
    /// </summary>
    public bool RefusalRequired { get; init; } = true;

    internal Func<AttackContext, Forgery> Forge { get; }
}
