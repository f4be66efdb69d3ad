using System.Security.Cryptography.X509Certificates;
using Conformance.Saml.Signing;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Responses;

/// <summary>A signed Response exactly as it goes on the wire (before base64).</summary>
public sealed record BuiltResponse(byte[] Xml, string ResponseId, string AssertionId)
{
    public string Base64 => Convert.ToBase64String(Xml);
}

/// <summary>
/// Builds Web Browser SSO Responses (SAML profiles 4.1.4) and signs them. The Response is written once, directly
/// in exclusive canonical form (<see cref="CanonicalWriter"/>), so each digest is the hash of bytes as written and
/// the XML work stays a sliver of the two RSA operations; the document an SP parses is byte for byte what was signed.
/// </summary>
public static class ResponseBuilder
{
    public static BuiltResponse Build(ResponseSpec spec, X509Certificate2 signingCertificate)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(signingCertificate);
        var responseId = spec.ResponseId ?? SamlIds.New();
        var assertionId = spec.AssertionId ?? SamlIds.New();
        using var key = spec.Signing == SignedParts.None ? null : signingCertificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");

        // Written in pieces around the two signature slots (right after each Issuer, where the schema wants them):
        // response head | status | assertion head | assertion rest + end, then the signatures, then stitched together.
        var w = new CanonicalWriter();
        var issued = SafeXml.FormatTime(spec.IssueInstant);
        var expires = SafeXml.FormatTime(spec.IssueInstant + spec.Lifetime);
        WriteResponseHead(w, spec, responseId, issued);
        var status = w.Position;
        w.Raw("<samlp:Status><samlp:StatusCode"u8);
        w.Attribute("Value"u8, SamlNames.StatusSuccess);
        w.Raw("></samlp:StatusCode></samlp:Status>"u8);
        var assertion = w.Position;
        WriteAssertionHead(w, spec, assertionId, issued);
        var assertionRest = w.Position;
        WriteAssertionRest(w, spec, issued, expires);
        var assertionEnd = w.Position;
        w.Raw("</samlp:Response>"u8);
        var end = w.Position;

        var assertionSignature = (Start: end, End: end);
        if (spec.Signing.HasFlag(SignedParts.Assertion))
        {
            var digest = EnvelopedSignature.Digest(w, (assertion, assertionRest), (assertionRest, assertionEnd));
            EnvelopedSignature.Write(w, assertionId, digest, key!, signingCertificate);
            assertionSignature.End = w.Position;
        }
        // After the Assertion's, so that the Response digest covers the Assertion's signature.
        var responseSignature = (Start: w.Position, End: w.Position);
        if (spec.Signing.HasFlag(SignedParts.Response))
        {
            var digest = EnvelopedSignature.Digest(w, (0, status), (status, assertionRest), assertionSignature, (assertionRest, end));
            EnvelopedSignature.Write(w, responseId, digest, key!, signingCertificate);
            responseSignature.End = w.Position;
        }

        (int Start, int End)[] order = [(0, status), responseSignature, (status, assertionRest), assertionSignature, (assertionRest, end)];
        var xml = new byte[order.Sum(part => part.End - part.Start)];
        var at = 0;
        foreach (var (from, to) in order)
        {
            w.Span(from, to).CopyTo(xml.AsSpan(at));
            at += to - from;
        }
        return new BuiltResponse(xml, responseId, assertionId);
    }

    // Attributes in canonical order (unqualified ones by local name); each namespace declared where exc-c14n renders it.
    private static void WriteResponseHead(CanonicalWriter w, ResponseSpec spec, string responseId, string issued)
    {
        w.Raw("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""u8);
        w.Attribute("Destination"u8, spec.AcsUrl);
        w.Attribute("ID"u8, responseId);
        if (spec.InResponseTo is not null)
        {
            w.Attribute("InResponseTo"u8, spec.InResponseTo);
        }
        w.Attribute("IssueInstant"u8, issued);
        w.Raw(" Version=\"2.0\"><saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""u8);
        WriteIssuerRest(w, spec.IdpEntityId);
    }

    private static void WriteAssertionHead(CanonicalWriter w, ResponseSpec spec, string assertionId, string issued)
    {
        w.Raw("<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""u8);
        w.Attribute("ID"u8, assertionId);
        w.Attribute("IssueInstant"u8, issued);
        w.Raw(" Version=\"2.0\"><saml:Issuer"u8);
        WriteIssuerRest(w, spec.IdpEntityId);
    }

    private static void WriteIssuerRest(CanonicalWriter w, string entityId)
    {
        w.Attribute("Format"u8, SamlNames.NameIdEntity);
        w.Raw(">"u8);
        w.Text(entityId);
        w.Raw("</saml:Issuer>"u8);
    }

    private static void WriteAssertionRest(CanonicalWriter w, ResponseSpec spec, string issued, string expires)
    {
        w.Raw("<saml:Subject><saml:NameID"u8);
        w.Attribute("Format"u8, spec.NameIdFormat);
        w.Raw(">"u8);
        w.Text(spec.NameId);
        w.Raw("</saml:NameID><saml:SubjectConfirmation"u8);
        w.Attribute("Method"u8, SamlNames.BearerConfirmation);
        w.Raw("><saml:SubjectConfirmationData"u8);
        if (spec.InResponseTo is not null)
        {
            w.Attribute("InResponseTo"u8, spec.InResponseTo);
        }
        w.Attribute("NotOnOrAfter"u8, expires);
        w.Attribute("Recipient"u8, spec.AcsUrl);
        w.Raw("></saml:SubjectConfirmationData></saml:SubjectConfirmation></saml:Subject>"u8);

        w.Raw("<saml:Conditions"u8);
        w.Attribute("NotBefore"u8, issued);
        w.Attribute("NotOnOrAfter"u8, expires);
        w.Raw("><saml:AudienceRestriction>"u8);
        w.Element("saml:Audience"u8, spec.Audience);
        w.Raw("</saml:AudienceRestriction></saml:Conditions>"u8);

        w.Raw("<saml:AuthnStatement"u8);
        w.Attribute("AuthnInstant"u8, SafeXml.FormatTime(spec.AuthnInstant ?? spec.IssueInstant));
        w.Attribute("SessionIndex"u8, spec.SessionIndex);
        w.Raw("><saml:AuthnContext>"u8);
        w.Element("saml:AuthnContextClassRef"u8, SamlNames.PasswordProtectedTransport);
        w.Raw("</saml:AuthnContext></saml:AuthnStatement>"u8);

        // The schema forbids an empty AttributeStatement.
        if (spec.Attributes.Count > 0)
        {
            w.Raw("<saml:AttributeStatement>"u8);
            foreach (var attribute in spec.Attributes)
            {
                w.Raw("<saml:Attribute"u8);
                w.Attribute("Name"u8, attribute.Name);
                w.Attribute("NameFormat"u8, SamlNames.BasicAttributeNameFormat);
                w.Raw(">"u8);
                foreach (var value in attribute.Values)
                {
                    // Declared here so the value's type survives when an SP extracts the Assertion alone.
                    w.Raw("<saml:AttributeValue xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xs:string\">"u8);
                    w.Text(value);
                    w.Raw("</saml:AttributeValue>"u8);
                }
                w.Raw("</saml:Attribute>"u8);
            }
            w.Raw("</saml:AttributeStatement>"u8);
        }
        w.Raw("</saml:Assertion>"u8);
    }
}
