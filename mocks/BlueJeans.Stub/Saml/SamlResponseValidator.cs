using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace BlueJeans.Stub.Saml;

/// <summary>
/// The ACS checks of a SAML 2.0 Web SSO Response, each behind a named defence. The Assertion is taken
/// only from the element a verified signature references, and a Response must carry exactly one
/// Assertion, so a wrapped copy cannot stand in for the signed one. Keys come from the uploaded
/// certificate only; KeyInfo in the message is never used.
/// </summary>
internal sealed class SamlResponseValidator(DefenceSet defences)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

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
        var document = Load(Decode(samlResponse));
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
        if (assertions.Count != 1)
        {
            throw Reject($"A Response must carry exactly one Assertion; this one carries {assertions.Count}.");
        }
        var assertion = On(StubDefences.Signature)
            ? SignedAssertion(response, assertions[0], context.Settings.CertificatePem)
            : assertions[0];

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
        return new SamlLogin(responseId, assertionId, inResponseTo, nameId, userId,
            AttributeValue(assertion, context.Settings.EmailAttribute), string.IsNullOrEmpty(sessionIndex) ? null : sessionIndex);
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

    private static XmlElement SignedAssertion(XmlElement response, XmlElement assertion, string? certificatePem)
    {
        if (string.IsNullOrWhiteSpace(certificatePem))
        {
            throw Reject("No IdP certificate has been uploaded on ADMIN > SECURITY.");
        }
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        XmlElement? signed = null;
        if (Child(response, SamlNames.DSig, "Signature") is { } responseSignature)
        {
            Verify(response, responseSignature, certificate, "Response");
            signed = Children(response, SamlNames.Assertion, "Assertion").SingleOrDefault()
                ?? throw Reject("The signed Response does not itself contain the Assertion.");
        }
        if (Child(assertion, SamlNames.DSig, "Signature") is { } assertionSignature)
        {
            Verify(assertion, assertionSignature, certificate, "Assertion");
            signed ??= assertion;
        }
        if (signed is null)
        {
            throw Reject("The Assertion is not signed: neither it nor the Response carries a signature.");
        }
        return ReferenceEquals(signed, assertion) ? signed : throw Reject("The signed Assertion is not the Assertion the Response carries.");
    }

    /// <summary>Checks one enveloped signature of <paramref name="signedElement"/> with the uploaded certificate's key.</summary>
    private static void Verify(XmlElement signedElement, XmlElement signature, X509Certificate2 certificate, string what)
    {
        var signedXml = new SignedXml(signedElement);
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
        using var key = certificate.GetRSAPublicKey() ?? throw Reject("The uploaded certificate has no RSA key.");
        bool valid;
        try
        {
            valid = signedXml.CheckSignature(key);
        }
        catch (CryptographicException e)
        {
            throw Reject($"The {what} signature cannot be checked: {e.Message}");
        }
        if (!valid)
        {
            throw Reject($"The {what} signature does not verify with the uploaded certificate.");
        }
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
