using System.Text;
using System.Xml;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Protocol;

/// <summary>A single-logout LogoutResponse (SAML core 3.7.2), in either direction.</summary>
public sealed record LogoutResponseMessage
{
    public required string Id { get; init; }
    public required DateTimeOffset IssueInstant { get; init; }
    public required string Issuer { get; init; }
    public string? Destination { get; init; }
    public string? InResponseTo { get; init; }
    public string StatusCode { get; init; } = SamlNames.StatusSuccess;

    public bool Succeeded => StatusCode == SamlNames.StatusSuccess;

    public static LogoutResponseMessage Parse(byte[] xml)
    {
        var root = SafeXml.Root(SafeXml.Load(xml), SamlNames.Protocol, "LogoutResponse");
        var (id, issued) = SafeXml.ProtocolHeader(root);
        var status = SafeXml.Child(root, SamlNames.Protocol, "Status");
        var code = status is null ? null : SafeXml.Child(status, SamlNames.Protocol, "StatusCode");
        return new LogoutResponseMessage
        {
            Id = id,
            IssueInstant = issued,
            Issuer = SafeXml.Child(root, SamlNames.Assertion, "Issuer")?.InnerText.Trim()
                ?? throw new SamlMessageException("LogoutResponse has no Issuer."),
            Destination = SafeXml.Attribute(root, "Destination"),
            InResponseTo = SafeXml.Attribute(root, "InResponseTo"),
            StatusCode = (code is null ? null : SafeXml.Attribute(code, "Value"))
                ?? throw new SamlMessageException("LogoutResponse has no Status/StatusCode."),
        };
    }

    public byte[] ToXml()
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("samlp", "LogoutResponse", SamlNames.Protocol);
            w.WriteAttributeString("xmlns", "saml", null, SamlNames.Assertion);
            w.WriteAttributeString("ID", Id);
            w.WriteAttributeString("Version", "2.0");
            w.WriteAttributeString("IssueInstant", SafeXml.FormatTime(IssueInstant));
            AuthnRequestMessage.WriteOptional(w, "Destination", Destination);
            AuthnRequestMessage.WriteOptional(w, "InResponseTo", InResponseTo);
            w.WriteElementString("saml", "Issuer", SamlNames.Assertion, Issuer);
            w.WriteStartElement("samlp", "Status", SamlNames.Protocol);
            w.WriteStartElement("samlp", "StatusCode", SamlNames.Protocol);
            w.WriteAttributeString("Value", StatusCode);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
