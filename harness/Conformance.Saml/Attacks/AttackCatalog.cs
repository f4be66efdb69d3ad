using Conformance.Saml.Responses;

namespace Conformance.Saml.Attacks;

/// <summary>
/// The SP security suite (issue 9): forged Responses a conforming SP refuses. Each starts from the valid
/// signed Response of <see cref="AttackContext.Victim"/> and changes one thing.
/// </summary>
public static class AttackCatalog
{
    private const string Somorovsky = "Somorovsky et al., \"On Breaking SAML: Be Whoever You Want to Be\", USENIX Security 2012";
    private const string WrappingRefusal = "Refuse: use only the element a verified signature references, and refuse a Response whose signed Assertion is not the one it carries.";
    private const string SignatureRefusal = "Refuse: the Assertion must be covered by a valid signature made with the IdP certificate uploaded to the SP.";

    public static IReadOnlyList<AttackCase> All { get; } =
    [
        Xsw(1, "The root is an evil unsigned Response naming the attacker; the signed original Response is hidden inside its Signature.", Wrapping.Xsw1),
        Xsw(2, "The root is an evil unsigned Response naming the attacker; the signed original Response sits beside its Signature.", Wrapping.Xsw2),
        Xsw(3, "An unsigned evil Assertion naming the attacker is placed before the signed one.", Wrapping.Xsw3),
        Xsw(4, "An unsigned evil Assertion naming the attacker wraps the signed one.", Wrapping.Xsw4),
        Xsw(5, "The signed Assertion is turned into the attacker's (its Signature kept); an unsigned copy of the original, which the signature still matches, goes last.", Wrapping.Xsw5),
        Xsw(6, "The signed Assertion is turned into the attacker's; the original it signed is hidden inside its own Signature.", Wrapping.Xsw6),
        Xsw(7, "An unsigned evil Assertion with the signed one's ID is hidden in samlp:Extensions.", Wrapping.Xsw7),
        Xsw(8, "The signed Assertion is turned into the attacker's (same ID); the original it signed is moved into Signature/ds:Object.", Wrapping.Xsw8),
        Signature("signature-exclusion", "Signature exclusion",
            "All signatures are removed; an SP that verifies only signatures it finds accepts anything.",
            $"{Somorovsky} (signature exclusion); SAML Profiles 4.1.3.5 (each assertion MUST be signed on HTTP-POST)",
            SignatureForgeries.SignatureExclusion),
        Signature("assertion-unsigned", "Assertion unsigned, only the Response signed",
            "The Assertion carries no signature of its own; an SP that declares WantAssertionsSigned must refuse it.",
            "SAML Metadata 2.4.4 (WantAssertionsSigned); SAML Profiles 4.1.3.5",
            c => SignatureForgeries.OnlySigned(c, SignedParts.Response)) with { Precondition = AttackPrecondition.TargetRequiresSignedAssertion },
        Signature("response-unsigned", "Response unsigned, only the Assertion signed",
            "The Response envelope carries no signature; an SP that requires a signed Response must refuse it.",
            "The target's declared signing policy; SAML Profiles 4.1.3.5",
            c => SignatureForgeries.OnlySigned(c, SignedParts.Assertion)) with { Precondition = AttackPrecondition.TargetRequiresSignedResponse, StubDefence = null },
        Signature("foreign-key-in-keyinfo", "Signed by another key, with that key's certificate in KeyInfo",
            "A valid signature by a key the SP never trusted; an SP that takes the key from KeyInfo accepts any forger.",
            "W3C \"XML Signature Best Practices\" (2013): establish trust in the verification key, never trust KeyInfo by itself; SAML Core 5.4",
            SignatureForgeries.ForeignKey),
        Signature("digest-mismatch", "Content changed after signing",
            "The NameID is changed to the attacker after signing, so the digest no longer matches the content.",
            "W3C XML Signature 1.1, 3.2.1 (reference validation); SAML Core 5.4",
            SignatureForgeries.DigestMismatch),
        Signature("two-assertions-one-signed", "Two Assertions, one signed",
            "A second, unsigned Assertion naming the attacker follows the signed one; an SP reading \"the Assertions\" may pick it.",
            $"{Somorovsky}; SAML Profiles 4.1.4.3",
            Wrapping.TwoAssertionsOneSigned) with { ExpectedRefusal = WrappingRefusal, StubDefence = StubDefenceNames.Wrapping },
        Signature("empty-reference-uri", "Empty Reference URI",
            "The Response is signed over the whole document (URI=\"\") instead of by its ID, which SAML forbids.",
            "SAML Core 5.4.2 (a single ds:Reference to the ID of the signed element)",
            SignatureForgeries.EmptyReferenceUri) with { ExpectedRefusal = "Refuse: a SAML signature must reference the signed element by its ID." },
        Signature("sha1", "SHA-1 signature and digest",
            "Signed with RSA-SHA1 and a SHA-1 digest, which are broken for collisions; SPs should require SHA-256.",
            "W3C XML Signature 1.1, 6.2.1 and 6.4.2 (SHA-1 use discouraged); NIST SP 800-131A",
            SignatureForgeries.Sha1) with { Severity = AttackSeverity.Warning, ExpectedRefusal = "Refuse (unless the target allows it): RSA-SHA256 or stronger is required." },
        Time("conditions-expired", "Conditions expired", "Conditions NotOnOrAfter lies beyond the clock skew in the past; the SubjectConfirmationData is still valid.",
            "SAML Core 2.5.1.2 (NotBefore, NotOnOrAfter)", c => ContentForgeries.Window(c, "Conditions", expired: true)),
        Time("conditions-not-yet-valid", "Conditions not yet valid", "Conditions NotBefore lies beyond the clock skew in the future.",
            "SAML Core 2.5.1.2 (NotBefore, NotOnOrAfter)", c => ContentForgeries.Window(c, "Conditions", expired: false)),
        Time("subject-confirmation-expired", "Subject confirmation expired", "SubjectConfirmationData NotOnOrAfter lies beyond the clock skew in the past; the Conditions are still valid.",
            "SAML Core 2.4.1.2; SAML Profiles 4.1.4.2 and 4.1.4.3", c => ContentForgeries.Window(c, "SubjectConfirmationData", expired: true)),
        Time("subject-confirmation-not-yet-valid", "Subject confirmation not yet valid", "SubjectConfirmationData NotBefore lies beyond the clock skew in the future (the bearer profile does not even allow NotBefore there).",
            "SAML Core 2.4.1.2; SAML Profiles 4.1.4.2 (a bearer-method SubjectConfirmationData MUST NOT contain NotBefore)", c => ContentForgeries.Window(c, "SubjectConfirmationData", expired: false)),
        Content("wrong-audience", "Wrong Audience", "The Assertion is for another SP (its AudienceRestriction names that SP), as an SP that got it could replay it here.",
            "SAML Core 2.5.1.4; SAML Profiles 4.1.4.3", StubDefenceNames.Audience,
            c => ContentForgeries.Spec(c, s => s with { Audience = ContentForgeries.OtherSpEntityId })),
        Content("wrong-recipient", "Wrong Recipient", "The SubjectConfirmationData Recipient of the bearer-method confirmation is another SP's ACS.",
            "SAML Profiles 4.1.4.2 and 4.1.4.3", StubDefenceNames.Recipient,
            c => ContentForgeries.Changed(c, SamlNames.Assertion, "SubjectConfirmationData", "Recipient", ContentForgeries.OtherSpAcs)),
        Content("wrong-destination", "Wrong Destination", "The Response Destination is another SP's ACS.",
            "SAML Core 3.2.2; SAML Bindings 3.5.5.2 (the recipient MUST check Destination)", StubDefenceNames.Destination,
            c => ContentForgeries.Changed(c, SamlNames.Protocol, "Response", "Destination", ContentForgeries.OtherSpAcs)),
        Content("wrong-issuer", "Wrong Issuer", "Response and Assertion Issuer name another IdP, though the configured key signed them.",
            "SAML Profiles 4.1.4.2 (Issuer MUST be the IdP's entity ID) and 4.1.4.3", StubDefenceNames.Issuer,
            c => ContentForgeries.Spec(c, s => s with { IdpEntityId = ContentForgeries.OtherIdpEntityId })),
        Content("unsolicited-in-response-to", "InResponseTo the SP never sent", "InResponseTo names an AuthnRequest this SP never issued (many SPs do not track it).",
            "SAML Profiles 4.1.4.3 (InResponseTo MUST match the request)", StubDefenceNames.InResponseTo,
            c => ContentForgeries.Spec(c, s => s with { InResponseTo = SamlIds.New() })) with { Severity = AttackSeverity.Warning },
        Content("replay", "Replay of an accepted Response", "The same valid Response is posted twice; the second post must not open a session.",
            "SAML Profiles 4.1.4.5 (bearer assertions are one-time use)", StubDefenceNames.Replay,
            ContentForgeries.Replay) with { ExpectedRefusal = "Accept the first post, refuse the second: bearer Assertion IDs are one-time use." },
        new AttackCase(ContentForgeries.CommentInjection)
        {
            Id = "comment-injection",
            Family = AttackFamily.CommentInjection,
            Title = "Comment injection into NameID",
            Explanation = "The IdP signed \"victim.evil.example\"; a comment after \"victim\" keeps the signature valid, and an SP that reads the first text node logs in as the victim.",
            Source = "Duo Labs (Kelby Ludwig), \"Duo Finds SAML Vulnerabilities Affecting Multiple Implementations\", 2018: CVE-2017-11427 (python-saml), CVE-2017-11428 (ruby-saml), CVE-2017-11429 (clever/saml2), CVE-2017-11430 (OmniAuth-SAML), CVE-2018-0489 (Shibboleth)",
            ExpectedRefusal = "Refuse, or log in as the whole signed NameID; never as the part before the comment.",
            RefusalRequired = false,
        },
        Xml("xxe-external-entity", "XXE: external entity to a harness listener",
            "A DOCTYPE declares an external entity at a harness URL; an SP that processes it fetches the URL (file disclosure, SSRF).",
            "OWASP XML External Entity Prevention Cheat Sheet; SAML Bindings 3.5 (XML messages, no DTD needed)", XmlForgeries.ExternalEntity)
            with { Precondition = AttackPrecondition.NeedsListener, ExpectedRefusal = "Refuse the DOCTYPE and never fetch the listener URL." },
        Xml("entity-expansion", "Entity expansion (bounded billion laughs)",
            "Nested internal entities expand 100,000-fold; an SP that expands them can be exhausted by a slightly bigger one.",
            "OWASP XML External Entity Prevention Cheat Sheet (\"billion laughs\"); CWE-776", XmlForgeries.EntityExpansion),
        Xml("oversized", "Oversized Response",
            "A validly signed Response over 1 MiB; an SP without a size cap parses whatever an attacker posts.",
            "OWASP XML Security Cheat Sheet (limit the size of XML input)", XmlForgeries.Oversized) with { StubDefence = StubDefenceNames.Size },
    ];

    public static AttackCase Get(string attackId) =>
        All.FirstOrDefault(a => a.Id == attackId) ?? throw new ArgumentException($"There is no attack case '{attackId}'; the cases are {string.Join(", ", All.Select(a => a.Id))}.", nameof(attackId));

    public static ForgedResponse Forge(string attackId, AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attack = Get(attackId);
        var forgery = attack.Forge(context);
        return new ForgedResponse(attack.Id, forgery.Xml, attack.ExpectedRefusal, forgery.ImpersonatedNameId, forgery.CertificatePem) { Sends = forgery.Sends };
    }

    private static AttackCase Xsw(int number, string explanation, Func<AttackContext, Forgery> forge) => new(forge)
    {
        Id = $"xsw{number}",
        Family = AttackFamily.SignatureWrapping,
        Title = $"Signature wrapping XSW{number}",
        Explanation = explanation,
        Source = $"SAML Raider XSW definitions (CompassSecurity/SAMLRaider, XSWHelpers.applyXSW{number}); {Somorovsky}",
        ExpectedRefusal = WrappingRefusal,
        StubDefence = StubDefenceNames.Wrapping,
    };

    private static AttackCase Signature(string id, string title, string explanation, string source, Func<AttackContext, Forgery> forge) => new(forge)
    {
        Id = id,
        Family = AttackFamily.Signature,
        Title = title,
        Explanation = explanation,
        Source = source,
        ExpectedRefusal = SignatureRefusal,
        StubDefence = StubDefenceNames.Signature,
    };

    private static AttackCase Time(string id, string title, string explanation, string source, Func<AttackContext, Forgery> forge) =>
        Content(id, title, explanation, source, StubDefenceNames.TimeWindow, forge)
            with
        { ExpectedRefusal = "Refuse: the Assertion is outside its validity window, even allowing for clock skew." };

    private static AttackCase Content(string id, string title, string explanation, string source, string defence, Func<AttackContext, Forgery> forge) => new(forge)
    {
        Id = id,
        Family = AttackFamily.TimeAndAudience,
        Title = title,
        Explanation = explanation,
        Source = source,
        ExpectedRefusal = "Refuse: the Response is not addressed to this SP, from its IdP, in answer to its request.",
        StubDefence = defence,
    };

    private static AttackCase Xml(string id, string title, string explanation, string source, Func<AttackContext, Forgery> forge) => new(forge)
    {
        Id = id,
        Family = AttackFamily.Xml,
        Title = title,
        Explanation = explanation,
        Source = source,
        ExpectedRefusal = "Refuse: SAML messages never need a DTD, and a DTD-bearing or oversized one is not parsed.",
        StubDefence = StubDefenceNames.Dtd,
    };
}

/// <summary>The BlueJeans stub's defence names (docs/sp-control-api.md), which the stub tests switch off one at a time.</summary>
public static class StubDefenceNames
{
    public const string Signature = "signature";
    public const string Audience = "audience";
    public const string Destination = "destination";
    public const string Recipient = "recipient";
    public const string TimeWindow = "time-window";
    public const string InResponseTo = "in-response-to";
    public const string Replay = "replay";
    public const string Issuer = "issuer";
    public const string Dtd = "dtd";
    public const string Wrapping = "wrapping";
    public const string Size = "size";
}
