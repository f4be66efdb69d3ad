namespace Conformance.Saml.Responses;

/// <summary>Which parts of a Response carry a signature (JumpCloud's signing choices on the SSO tab).</summary>
[Flags]
public enum SignedParts
{
    None = 0,
    Assertion = 1,
    Response = 2,
    Both = Assertion | Response,
}

/// <summary>One AttributeStatement entry; values go out as xs:string.</summary>
public sealed record AttributeClaim(string Name, IReadOnlyList<string> Values)
{
    public AttributeClaim(string name, string value) : this(name, [value]) { }
}

/// <summary>Everything a Response says (SAML profiles 4.1.4.2); times are taken from the caller's clock.</summary>
public sealed record ResponseSpec
{
    public required string IdpEntityId { get; init; }

    /// <summary>The registered ACS: Response Destination and SubjectConfirmationData Recipient.</summary>
    public required string AcsUrl { get; init; }

    /// <summary>The SP entity ID: the AudienceRestriction.</summary>
    public required string Audience { get; init; }

    public required string NameId { get; init; }
    public string NameIdFormat { get; init; } = SamlNames.NameIdUnspecified;

    /// <summary>The AuthnRequest ID when SP-initiated; null for an IdP-initiated (unsolicited) Response.</summary>
    public string? InResponseTo { get; init; }

    public required DateTimeOffset IssueInstant { get; init; }

    /// <summary>When the user entered credentials; the issue instant when null.</summary>
    public DateTimeOffset? AuthnInstant { get; init; }

    public required string SessionIndex { get; init; }

    /// <summary>How long the bearer confirmation and the Conditions stay valid.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<AttributeClaim> Attributes { get; init; } = [];
    public SignedParts Signing { get; init; } = SignedParts.Both;

    /// <summary>Fixed IDs for reproducible output; fresh random ones when null.</summary>
    public string? ResponseId { get; init; }

    public string? AssertionId { get; init; }
}
