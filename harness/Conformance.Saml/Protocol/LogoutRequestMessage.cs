using System.Text;
using System.Xml;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Protocol;

/// <summary>A single-logout LogoutRequest (SAML core 3.7.1), in either direction.</summary>
public sealed record LogoutRequestMessage
{
    public required string Id { get; init; }
    public required DateTimeOffset IssueInstant { get; init; }
    public required string Issuer { get; init; }
    public string? Destination { get; init; }
    public required string NameId { get; init; }
    public string? NameIdFormat { get; init; }
    public IReadOnlyList<string> SessionIndexes { get; init; } = [];

    public static LogoutRequestMessage Parse(byte[] xml)
    {
        var root = SafeXml.Root(SafeXml.Load(xml), SamlNames.Protocol, "LogoutRequest");
        var (id, issued) = SafeXml.ProtocolHeader(root);
        var nameId = SafeXml.Child(root, SamlNames.Assertion, "NameID")
            ?? throw new SamlMessageException("LogoutRequest has no NameID.");
        return new LogoutRequestMessage
        {
            Id = id,
            IssueInstant = issued,
            Issuer = SafeXml.Child(root, SamlNames.Assertion, "Issuer")?.InnerText.Trim()
                ?? throw new SamlMessageException("LogoutRequest has no Issuer."),
            Destination = SafeXml.Attribute(root, "Destination"),
            NameId = nameId.InnerText.Trim(),
            NameIdFormat = SafeXml.Attribute(nameId, "Format"),
            SessionIndexes = [.. SafeXml.Children(root, SamlNames.Protocol, "SessionIndex").Select(e => e.InnerText.Trim())],
        };
    }

    public byte[] ToXml()
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("samlp", "LogoutRequest", SamlNames.Protocol);
            w.WriteAttributeString("xmlns", "saml", null, SamlNames.Assertion);
            w.WriteAttributeString("ID", Id);
            w.WriteAttributeString("Version", "2.0");
            w.WriteAttributeString("IssueInstant", SafeXml.FormatTime(IssueInstant));
            AuthnRequestMessage.WriteOptional(w, "Destination", Destination);
            w.WriteElementString("saml", "Issuer", SamlNames.Assertion, Issuer);
            w.WriteStartElement("saml", "NameID", SamlNames.Assertion);
            AuthnRequestMessage.WriteOptional(w, "Format", NameIdFormat);
            w.WriteString(NameId);
            w.WriteEndElement();
            foreach (var index in SessionIndexes)
            {
                w.WriteElementString("samlp", "SessionIndex", SamlNames.Protocol, index);
            }
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
