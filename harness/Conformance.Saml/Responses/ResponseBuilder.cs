using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Conformance.Saml.Signing;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Responses;

/// <summary>A signed Response exactly as it goes on the wire (before base64).</summary>
public sealed record BuiltResponse(byte[] Xml, string ResponseId, string AssertionId)
{
    public string Base64 => Convert.ToBase64String(Xml);
}

/// <summary>Builds Web Browser SSO Responses (SAML profiles 4.1.4) and signs them.</summary>
public static class ResponseBuilder
{
    private const string P = "samlp";
    private const string A = "saml";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        OmitXmlDeclaration = true,
        Indent = false,
    };

    public static BuiltResponse Build(ResponseSpec spec, X509Certificate2 signingCertificate)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(signingCertificate);
        var responseId = spec.ResponseId ?? SamlIds.New();
        var assertionId = spec.AssertionId ?? SamlIds.New();

        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, WriterSettings))
        {
            Write(w, spec, responseId, assertionId);
        }
        buffer.Position = 0;
        // One parse of our own output; signing works on that DOM and it is serialised once, never re-indented.
        var document = SafeXml.Load(buffer);
        var response = document.DocumentElement!;
        if (spec.Signing.HasFlag(SignedParts.Assertion))
        {
            XmlSigner.Sign(SafeXml.Child(response, SamlNames.Assertion, "Assertion")!, signingCertificate);
        }
        // After the Assertion, so that the Response digest covers the Assertion's signature.
        if (spec.Signing.HasFlag(SignedParts.Response))
        {
            XmlSigner.Sign(response, signingCertificate);
        }
        return new BuiltResponse(Encoding.UTF8.GetBytes(document.OuterXml), responseId, assertionId);
    }

    private static void Write(XmlWriter w, ResponseSpec spec, string responseId, string assertionId)
    {
        var issued = SafeXml.FormatTime(spec.IssueInstant);
        var expires = SafeXml.FormatTime(spec.IssueInstant + spec.Lifetime);

        w.WriteStartElement(P, "Response", SamlNames.Protocol);
        w.WriteAttributeString("xmlns", A, null, SamlNames.Assertion);
        w.WriteAttributeString("ID", responseId);
        w.WriteAttributeString("Version", "2.0");
        w.WriteAttributeString("IssueInstant", issued);
        w.WriteAttributeString("Destination", spec.AcsUrl);
        if (spec.InResponseTo is not null)
        {
            w.WriteAttributeString("InResponseTo", spec.InResponseTo);
        }
        WriteIssuer(w, spec.IdpEntityId);
        w.WriteStartElement(P, "Status", SamlNames.Protocol);
        w.WriteStartElement(P, "StatusCode", SamlNames.Protocol);
        w.WriteAttributeString("Value", SamlNames.StatusSuccess);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement(A, "Assertion", SamlNames.Assertion);
        w.WriteAttributeString("ID", assertionId);
        w.WriteAttributeString("Version", "2.0");
        w.WriteAttributeString("IssueInstant", issued);
        WriteIssuer(w, spec.IdpEntityId);

        w.WriteStartElement(A, "Subject", SamlNames.Assertion);
        w.WriteStartElement(A, "NameID", SamlNames.Assertion);
        w.WriteAttributeString("Format", spec.NameIdFormat);
        w.WriteString(spec.NameId);
        w.WriteEndElement();
        w.WriteStartElement(A, "SubjectConfirmation", SamlNames.Assertion);
        w.WriteAttributeString("Method", SamlNames.BearerConfirmation);
        w.WriteStartElement(A, "SubjectConfirmationData", SamlNames.Assertion);
        if (spec.InResponseTo is not null)
        {
            w.WriteAttributeString("InResponseTo", spec.InResponseTo);
        }
        w.WriteAttributeString("NotOnOrAfter", expires);
        w.WriteAttributeString("Recipient", spec.AcsUrl);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement(A, "Conditions", SamlNames.Assertion);
        w.WriteAttributeString("NotBefore", issued);
        w.WriteAttributeString("NotOnOrAfter", expires);
        w.WriteStartElement(A, "AudienceRestriction", SamlNames.Assertion);
        w.WriteElementString(A, "Audience", SamlNames.Assertion, spec.Audience);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement(A, "AuthnStatement", SamlNames.Assertion);
        w.WriteAttributeString("AuthnInstant", SafeXml.FormatTime(spec.AuthnInstant ?? spec.IssueInstant));
        w.WriteAttributeString("SessionIndex", spec.SessionIndex);
        w.WriteStartElement(A, "AuthnContext", SamlNames.Assertion);
        w.WriteElementString(A, "AuthnContextClassRef", SamlNames.Assertion, SamlNames.PasswordProtectedTransport);
        w.WriteEndElement();
        w.WriteEndElement();

        // The schema forbids an empty AttributeStatement.
        if (spec.Attributes.Count > 0)
        {
            w.WriteStartElement(A, "AttributeStatement", SamlNames.Assertion);
            foreach (var attribute in spec.Attributes)
            {
                w.WriteStartElement(A, "Attribute", SamlNames.Assertion);
                w.WriteAttributeString("Name", attribute.Name);
                w.WriteAttributeString("NameFormat", SamlNames.BasicAttributeNameFormat);
                foreach (var value in attribute.Values)
                {
                    w.WriteStartElement(A, "AttributeValue", SamlNames.Assertion);
                    // Declared here so the value's type survives when an SP extracts the Assertion alone.
                    w.WriteAttributeString("xmlns", "xs", null, SamlNames.XmlSchema);
                    w.WriteAttributeString("xmlns", "xsi", null, SamlNames.XmlSchemaInstance);
                    w.WriteAttributeString("xsi", "type", SamlNames.XmlSchemaInstance, "xs:string");
                    w.WriteString(value);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteIssuer(XmlWriter w, string entityId)
    {
        w.WriteStartElement(A, "Issuer", SamlNames.Assertion);
        w.WriteAttributeString("Format", SamlNames.NameIdEntity);
        w.WriteString(entityId);
        w.WriteEndElement();
    }
}
