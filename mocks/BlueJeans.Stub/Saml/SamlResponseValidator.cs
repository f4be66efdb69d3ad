using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace BlueJeans.Stub.Saml;

/// <summary>
/// The ACS checks of a SAML 2.0 Web SSO Response, each behind a named defence. The Assertion is taken
/// only from the element a verified signature references, and a Response must carry exactly one
/// Assertion, so a wrapped copy cannot stand in for the signed one. The Assertion must carry its own
/// signature (the metadata says WantAssertionsSigned="true"); a Response signature is checked when
/// present. Keys come from the uploaded certificate only; KeyInfo in the message is never used.
/// </summary>
internal sealed class SamlResponseValidator(DefenceSet defences)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>A JumpCloud Response is a few KiB; anything near this is not a login.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    private static readonly HashSet<string> SignatureMethods = new(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigRSASHA384Url, SignedXml.XmlDsigRSASHA512Url,
    };

    private static readonly HashSet<string> DigestMethods = new(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigSHA384Url, SignedXml.XmlDsigSHA512Url,
    };

    public SamlLogin Validate(string? samlResponse, SamlCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var xml = Decode(samlResponse);
        if (On(StubDefences.Size) && xml.Length > MaxResponseBytes)
        {
            throw Reject($"The Response is {xml.Length} bytes; this SP accepts at most {MaxResponseBytes}.");
        }
        var document = Load(xml);
        var response = document.DocumentElement;
        if (response is null || response.LocalName != "Response" || response.NamespaceURI != SamlNames.Protocol)
        {
            throw Reject("The message is not a samlp:Response.");
        }
        if (document.GetElementsByTagName("EncryptedAssertion", SamlNames.Assertion).Count > 0)
        {
            throw Reject("Encrypted Assertions are not supported by this SP.");
        }
        var assertions = document.GetElementsByTagName("Assertion", SamlNames.Assertion).OfType<XmlElement>().ToList();
        var assertion = On(StubDefences.Wrapping) ? OnlyAssertion(response, assertions, context.Settings.CertificatePem)
            : On(StubDefences.Signature) ? AssertionBesideSignature(document, assertions, context.Settings.CertificatePem)
            : assertions.FirstOrDefault() ?? throw Reject("The Response carries no Assertion.");

        var status = Child(Child(response, SamlNames.Protocol, "Status"), SamlNames.Protocol, "StatusCode")?.GetAttribute("Value");
        if (status != SamlNames.Success)
        {
            throw Reject($"The IdP reported status '{status}'.");
        }
        if (On(StubDefences.Destination) && response.GetAttribute("Destination") is var destination && destination != context.AcsUrl)
        {
            throw Reject($"Destination '{destination}' is not this SP's ACS '{context.AcsUrl}'.");
        }
        CheckIssuer(response, assertion, context.Settings.IdpEntityId);

        var subject = Child(assertion, SamlNames.Assertion, "Subject") ?? throw Reject("The Assertion has no Subject.");
        var nameId = Child(subject, SamlNames.Assertion, "NameID")?.InnerText.Trim();
        if (string.IsNullOrEmpty(nameId))
        {
            throw Reject("The Subject has no NameID.");
        }
        var confirmation = Children(subject, SamlNames.Assertion, "SubjectConfirmation").FirstOrDefault(c => c.GetAttribute("Method") == SamlNames.Bearer)
            ?? throw Reject("The Subject has no bearer SubjectConfirmation.");
        var data = Child(confirmation, SamlNames.Assertion, "SubjectConfirmationData") ?? throw Reject("The bearer SubjectConfirmation has no SubjectConfirmationData.");
        if (On(StubDefences.Recipient) && data.GetAttribute("Recipient") is var recipient && recipient != context.AcsUrl)
        {
            throw Reject($"Recipient '{recipient}' is not this SP's ACS '{context.AcsUrl}'.");
        }
        var conditions = Child(assertion, SamlNames.Assertion, "Conditions");
        CheckTimes(data, conditions, context.Now);
        CheckAudience(conditions, context.EntityId);
        var inResponseTo = CheckInResponseTo(response, data, context);

        var responseId = response.GetAttribute("ID");
        var assertionId = assertion.GetAttribute("ID");
        if (responseId.Length == 0 || assertionId.Length == 0)
        {
            throw Reject("The Response and the Assertion must both have an ID.");
        }
        if (On(StubDefences.Replay) && (context.WasSeen(responseId) || context.WasSeen(assertionId)))
        {
            throw Reject($"Replay: Response '{responseId}' / Assertion '{assertionId}' was already used to sign in.");
        }

        var userId = context.Settings.PickUserIdFromNameId ? nameId : AttributeValue(assertion, context.Settings.UserIdAttribute);
        if (string.IsNullOrEmpty(userId))
        {
            throw Reject($"The Assertion has no '{context.Settings.UserIdAttribute}' attribute to take the User ID from.");
        }
        var sessionIndex = Child(assertion, SamlNames.Assertion, "AuthnStatement")?.GetAttribute("SessionIndex");
        var email = On(StubDefences.EmailAttribute) ? AttributeValue(assertion, context.Settings.EmailAttribute) : nameId;
        return new SamlLogin(responseId, assertionId, inResponseTo, nameId, userId, email, string.IsNullOrEmpty(sessionIndex) ? null : sessionIndex);
    }

    private bool On(string defence) => defences.IsOn(defence);

    private static SamlRejectedException Reject(string reason) => new(reason);

    private static byte[] Decode(string? samlResponse)
    {
        if (string.IsNullOrWhiteSpace(samlResponse))
        {
            throw Reject("The form carries no SAMLResponse.");
        }
        try
        {
            return Convert.FromBase64String(samlResponse.Trim());
        }
        catch (FormatException)
        {
            throw Reject("SAMLResponse is not base64.");
        }
    }

    private XmlDocument Load(byte[] xml)
    {
        var settings = new XmlReaderSettings
        {
            // With the dtd defence off the SP expands internal entities, the way a careless parser would.
            DtdProcessing = On(StubDefences.Dtd) ? DtdProcessing.Prohibit : DtdProcessing.Parse,
            XmlResolver = null,
            MaxCharactersFromEntities = 1_000_000,
        };
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            document.Load(reader);
        }
        catch (XmlException e)
        {
            throw Reject($"The Response is not acceptable XML: {e.Message}");
        }
        return document;
    }

    private XmlElement OnlyAssertion(XmlElement response, List<XmlElement> assertions, string? certificatePem)
    {
        if (assertions.Count != 1)
        {
            throw Reject($"A Response must carry exactly one Assertion; this one carries {assertions.Count}.");
        }
        return On(StubDefences.Signature) ? SignedAssertion(response, assertions[0], certificatePem) : assertions[0];
    }

    private static XmlElement SignedAssertion(XmlElement response, XmlElement assertion, string? certificatePem)
    {
        using var certificate = UploadedCertificate(certificatePem);
        if (Child(response, SamlNames.DSig, "Signature") is { } responseSignature)
        {
            Verify(response, responseSignature, certificate, "Response");
        }
        if (!ReferenceEquals(Child(response, SamlNames.Assertion, "Assertion"), assertion))
        {
            throw Reject("The Assertion is not a child of the Response.");
        }
        var assertionSignature = Child(assertion, SamlNames.DSig, "Signature")
            ?? throw Reject("The Assertion is not signed: this SP requires a signed Assertion (its metadata says WantAssertionsSigned=\"true\"); a signed Response alone is not enough.");
        Verify(assertion, assertionSignature, certificate, "Assertion");
        return assertion;
    }

    /// <summary>
    /// The wrapping-vulnerable reading (defence <c>wrapping</c> off): every signature is checked against
    /// whichever element carries its ID, and one that covers an Assertion is enough; the login then
    /// comes from the first Assertion outside what the signatures cover, as when the business logic
    /// reads another element than the one the signature check resolved.
    /// </summary>
    private static XmlElement AssertionBesideSignature(XmlDocument document, List<XmlElement> assertions, string? certificatePem)
    {
        using var certificate = UploadedCertificate(certificatePem);
        var covered = document.GetElementsByTagName("Signature", SamlNames.DSig).OfType<XmlElement>().ToList()
            .Select(signature => VerifiedElement(document, signature, certificate)).OfType<XmlElement>().ToList();
        var signed = assertions.Where(a => covered.Any(c => IsWithin(a, c))).ToList();
        if (signed.Count == 0)
        {
            throw Reject("No valid signature covers an Assertion.");
        }
        return assertions.Except(signed).FirstOrDefault() ?? signed[0];
    }

    private static XmlElement? VerifiedElement(XmlDocument document, XmlElement signature, X509Certificate2 certificate)
    {
        var uri = Child(Child(signature, SamlNames.DSig, "SignedInfo"), SamlNames.DSig, "Reference")?.GetAttribute("URI") ?? "";
        var id = uri.StartsWith('#') ? uri[1..] : "";
        var tolerated = Tolerated(signature);
        return document.GetElementsByTagName("*").OfType<XmlElement>()
            .Where(e => id.Length > 0 && e.GetAttribute("ID") == id)
            .FirstOrDefault(candidate => Check(LoadSignature(new CandidateSignedXml(document, candidate), tolerated, "message").SignedXml, certificate));
    }

    /// <summary>
    /// The signature without what XML-DSig does not allow in it (a wrapped Response or Assertion), which a
    /// lax parser skips. A detached copy, so only when needed: the enveloped-signature transform finds
    /// the signature to leave out by its place in the document.
    /// </summary>
    private static XmlElement Tolerated(XmlElement signature)
    {
        static bool Foreign(XmlElement e) => e.NamespaceURI != SamlNames.DSig;
        if (!signature.ChildNodes.OfType<XmlElement>().Any(Foreign))
        {
            return signature;
        }
        var copy = (XmlElement)signature.CloneNode(deep: true);
        foreach (var foreign in copy.ChildNodes.OfType<XmlElement>().Where(Foreign).ToList())
        {
            copy.RemoveChild(foreign);
        }
        return copy;
    }

    private static bool IsWithin(XmlNode node, XmlElement container)
    {
        for (XmlNode? n = node; n is not null; n = n.ParentNode)
        {
            if (ReferenceEquals(n, container))
            {
                return true;
            }
        }
        return false;
    }

    private static X509Certificate2 UploadedCertificate(string? certificatePem) =>
        string.IsNullOrWhiteSpace(certificatePem)
            ? throw Reject("No IdP certificate has been uploaded on ADMIN > SECURITY.")
            : X509Certificate2.CreateFromPem(certificatePem);

    /// <summary>Checks one enveloped signature of <paramref name="signedElement"/> with the uploaded certificate's key.</summary>
    private static void Verify(XmlElement signedElement, XmlElement signature, X509Certificate2 certificate, string what)
    {
        var (signedXml, reference) = LoadSignature(new SignedXml(signedElement), signature, what);
        var id = signedElement.GetAttribute("ID");
        if (id.Length == 0 || reference.Uri != "#" + id)
        {
            throw Reject($"The {what} signature does not reference the {what} it is in.");
        }
        var sameId = signedElement.OwnerDocument.GetElementsByTagName("*").OfType<XmlElement>()
            .Count(e => e.GetAttribute("ID") == id || e.GetAttribute("Id") == id || e.GetAttribute("id") == id);
        if (sameId != 1)
        {
            throw Reject($"The ID '{id}' the {what} signature references occurs {sameId} times.");
        }
        if (!Check(signedXml, certificate))
        {
            throw Reject($"The {what} signature does not verify with the uploaded certificate.");
        }
    }

    /// <summary>Loads a signature and applies the rules that need no key: one reference, SHA-256 or stronger.</summary>
    private static (SignedXml SignedXml, Reference Reference) LoadSignature(SignedXml signedXml, XmlElement signature, string what)
    {
        try
        {
            signedXml.LoadXml(signature);
        }
        catch (CryptographicException e)
        {
            throw Reject($"The {what} signature is malformed: {e.Message}");
        }
        if (signedXml.SignedInfo is not { References.Count: 1 } signedInfo || signedInfo.References[0] is not Reference reference)
        {
            throw Reject($"The {what} signature must reference exactly one element.");
        }
        if (!SignatureMethods.Contains(signedXml.SignatureMethod ?? "") || !DigestMethods.Contains(reference.DigestMethod ?? ""))
        {
            throw Reject($"The {what} signature uses {signedXml.SignatureMethod} / {reference.DigestMethod}; RSA with SHA-256 or stronger is required.");
        }
        return (signedXml, reference);
    }

    private static bool Check(SignedXml signedXml, X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPublicKey() ?? throw Reject("The uploaded certificate has no RSA key.");
        try
        {
            return signedXml.CheckSignature(key);
        }
        catch (CryptographicException e)
        {
            throw Reject($"The signature cannot be checked: {e.Message}");
        }
    }

    /// <summary>Resolves every reference to one chosen element, the way a parser that trusts the first match would.</summary>
    private sealed class CandidateSignedXml(XmlDocument document, XmlElement candidate) : SignedXml(document)
    {
        public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
            candidate.GetAttribute("ID") == idValue ? candidate : null;
    }

    private void CheckIssuer(XmlElement response, XmlElement assertion, string? expected)
    {
        if (!On(StubDefences.Issuer) || string.IsNullOrEmpty(expected))
        {
            return;
        }
        if (Child(response, SamlNames.Assertion, "Issuer")?.InnerText.Trim() is { } responseIssuer && responseIssuer != expected)
        {
            throw Reject($"Response Issuer '{responseIssuer}' is not the configured IdP '{expected}'.");
        }
        var assertionIssuer = Child(assertion, SamlNames.Assertion, "Issuer")?.InnerText.Trim();
        if (assertionIssuer != expected)
        {
            throw Reject($"Assertion Issuer '{assertionIssuer}' is not the configured IdP '{expected}'.");
        }
    }

    private void CheckTimes(XmlElement confirmationData, XmlElement? conditions, DateTimeOffset now)
    {
        if (!On(StubDefences.TimeWindow))
        {
            return;
        }
        if (confirmationData.HasAttribute("NotBefore"))
        {
            throw Reject("SubjectConfirmationData carries NotBefore, which a bearer confirmation must not (SAML Profiles 4.1.4.2).");
        }
        var confirmationEnd = Time(confirmationData, "NotOnOrAfter") ?? throw Reject("SubjectConfirmationData has no NotOnOrAfter.");
        if (now >= confirmationEnd + ClockSkew)
        {
            throw Reject($"The Assertion expired: SubjectConfirmationData NotOnOrAfter {Format(confirmationEnd)} is before {Format(now)}.");
        }
        if (conditions is null)
        {
            return;
        }
        if (Time(conditions, "NotBefore") is { } notBefore && now + ClockSkew < notBefore)
        {
            throw Reject($"The Assertion is not valid yet: NotBefore {Format(notBefore)} is after {Format(now)}.");
        }
        if (Time(conditions, "NotOnOrAfter") is { } notOnOrAfter && now >= notOnOrAfter + ClockSkew)
        {
            throw Reject($"The Assertion expired: Conditions NotOnOrAfter {Format(notOnOrAfter)} is before {Format(now)}.");
        }
    }

    private void CheckAudience(XmlElement? conditions, string entityId)
    {
        if (!On(StubDefences.Audience))
        {
            return;
        }
        var restrictions = conditions is null ? [] : Children(conditions, SamlNames.Assertion, "AudienceRestriction").ToList();
        if (restrictions.Count == 0)
        {
            throw Reject("The Assertion has no AudienceRestriction.");
        }
        foreach (var restriction in restrictions)
        {
            var audiences = Children(restriction, SamlNames.Assertion, "Audience").Select(a => a.InnerText.Trim()).ToList();
            if (!audiences.Contains(entityId, StringComparer.Ordinal))
            {
                throw Reject($"Audience '{string.Join("', '", audiences)}' is not this SP's entity ID '{entityId}'.");
            }
        }
    }

    private string? CheckInResponseTo(XmlElement response, XmlElement confirmationData, SamlCheckContext context)
    {
        var fromResponse = NullIfEmpty(response.GetAttribute("InResponseTo"));
        var fromConfirmation = NullIfEmpty(confirmationData.GetAttribute("InResponseTo"));
        var inResponseTo = fromResponse ?? fromConfirmation;
        if (!On(StubDefences.InResponseTo) || inResponseTo is null)
        {
            return inResponseTo;
        }
        if (fromResponse is not null && fromConfirmation is not null && fromResponse != fromConfirmation)
        {
            throw Reject($"InResponseTo differs between the Response ('{fromResponse}') and SubjectConfirmationData ('{fromConfirmation}').");
        }
        return context.IsPendingRequest(inResponseTo)
            ? inResponseTo
            : throw Reject($"InResponseTo '{inResponseTo}' does not match an AuthnRequest this SP sent.");
    }

    private static string? AttributeValue(XmlElement assertion, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        var attribute = Children(Child(assertion, SamlNames.Assertion, "AttributeStatement"), SamlNames.Assertion, "Attribute")
            .FirstOrDefault(a => a.GetAttribute("Name") == name);
        return NullIfEmpty(Child(attribute, SamlNames.Assertion, "AttributeValue")?.InnerText.Trim());
    }

    private static DateTimeOffset? Time(XmlElement element, string attribute)
    {
        var text = element.GetAttribute(attribute);
        if (text.Length == 0)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw Reject($"{element.LocalName}/@{attribute} '{text}' is not a time.");
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static XmlElement? Child(XmlElement? parent, string ns, string localName) =>
        Children(parent, ns, localName).FirstOrDefault();

    private static IEnumerable<XmlElement> Children(XmlElement? parent, string ns, string localName) =>
        parent?.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == ns) ?? [];
}
