using System.Xml;
using System.Xml.Linq;

namespace Conformance.Saml.Protocol;

/// <summary>One field of a SAML message as a person reads it in a report: what it is and what it says.</summary>
public sealed record MessageField(string Name, string Value);

/// <summary>
/// The fields of a SAML message (Response, AuthnRequest, LogoutRequest, LogoutResponse) that a reviewer looks for first,
/// in SAML-tracer's order: who sent it to whom, in answer to what, its status, the subject, the time limits, the
/// audience and the attributes. Read with DTDs prohibited; what a message lacks is left out; a message that is not
/// XML gives no fields (its raw text is still shown).
/// </summary>
public static class MessageFields
{
    private static readonly XNamespace P = SamlNames.Protocol;
    private static readonly XNamespace A = SamlNames.Assertion;

    public static IReadOnlyList<MessageField> Read(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            root = XDocument.Load(reader).Root ?? throw new XmlException("no root element");
        }
        catch (XmlException)
        {
            return [];
        }
        var fields = new List<MessageField>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                fields.Add(new MessageField(name, value));
            }
        }
        Add("Message", root.Name.LocalName);
        Add("ID", Attr(root, "ID"));
        Add("IssueInstant", Attr(root, "IssueInstant"));
        Add("Destination", Attr(root, "Destination"));
        Add("InResponseTo", Attr(root, "InResponseTo"));
        Add("Issuer", root.Element(A + "Issuer")?.Value);
        Add("Status", root.Element(P + "Status")?.Element(P + "StatusCode")?.Attribute("Value")?.Value);
        Add("AssertionConsumerServiceURL", Attr(root, "AssertionConsumerServiceURL"));
        Add("ProtocolBinding", Attr(root, "ProtocolBinding"));
        Add("NameIDPolicy Format", root.Element(P + "NameIDPolicy")?.Attribute("Format")?.Value);
        Add("NameID", NameId(root.Element(A + "NameID")));
        var assertions = root.Elements(A + "Assertion").ToList();
        Add("Assertions", assertions.Count > 1 ? assertions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        if (assertions.FirstOrDefault() is { } assertion)
        {
            Add("Assertion Issuer", assertion.Element(A + "Issuer")?.Value);
            var subject = assertion.Element(A + "Subject");
            Add("Subject NameID", NameId(subject?.Element(A + "NameID")));
            var confirmation = subject?.Element(A + "SubjectConfirmation")?.Element(A + "SubjectConfirmationData");
            Add("SubjectConfirmation Recipient", Attr(confirmation, "Recipient"));
            Add("SubjectConfirmation NotOnOrAfter", Attr(confirmation, "NotOnOrAfter"));
            Add("SubjectConfirmation InResponseTo", Attr(confirmation, "InResponseTo"));
            var conditions = assertion.Element(A + "Conditions");
            Add("Conditions NotBefore", Attr(conditions, "NotBefore"));
            Add("Conditions NotOnOrAfter", Attr(conditions, "NotOnOrAfter"));
            Add("Audience", string.Join(", ", conditions?.Descendants(A + "Audience").Select(a => a.Value) ?? []));
            var authn = assertion.Element(A + "AuthnStatement");
            Add("AuthnInstant", Attr(authn, "AuthnInstant"));
            Add("SessionIndex", Attr(authn, "SessionIndex"));
            foreach (var attribute in assertion.Descendants(A + "Attribute"))
            {
                Add($"Attribute {Attr(attribute, "Name")}", string.Join(", ", attribute.Elements(A + "AttributeValue").Select(v => v.Value)));
            }
        }
        Add("SessionIndex (logout)", root.Element(P + "SessionIndex")?.Value);
        return fields;
    }

    private static string? Attr(XElement? element, string name) => element?.Attribute(name)?.Value;

    private static string? NameId(XElement? nameId) =>
        nameId is null ? null : nameId.Attribute("Format") is { } format ? $"{nameId.Value} ({format.Value})" : nameId.Value;
}
