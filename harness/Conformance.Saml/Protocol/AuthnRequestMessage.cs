using System.Text;
using System.Xml;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Protocol;

/// <summary>An SP's AuthnRequest (SAML core 3.4.1), parsed; <see cref="ToXml"/> writes one (SP emulation, tests).</summary>
public sealed record AuthnRequestMessage
{
    public required string Id { get; init; }
    public required DateTimeOffset IssueInstant { get; init; }
    public string? Issuer { get; init; }
    public string? Destination { get; init; }
    public string? AssertionConsumerServiceUrl { get; init; }
    public string? ProtocolBinding { get; init; }
    public string? NameIdFormat { get; init; }
    public bool ForceAuthn { get; init; }
    public bool IsPassive { get; init; }

    public static AuthnRequestMessage Parse(byte[] xml)
    {
        var root = SafeXml.Root(SafeXml.Load(xml), SamlNames.Protocol, "AuthnRequest");
        var (id, issued) = SafeXml.ProtocolHeader(root);
        var policy = SafeXml.Child(root, SamlNames.Protocol, "NameIDPolicy");
        return new AuthnRequestMessage
        {
            Id = id,
            IssueInstant = issued,
            Issuer = SafeXml.Child(root, SamlNames.Assertion, "Issuer")?.InnerText.Trim(),
            Destination = SafeXml.Attribute(root, "Destination"),
            AssertionConsumerServiceUrl = SafeXml.Attribute(root, "AssertionConsumerServiceURL"),
            ProtocolBinding = SafeXml.Attribute(root, "ProtocolBinding"),
            NameIdFormat = policy is null ? null : SafeXml.Attribute(policy, "Format"),
            ForceAuthn = SafeXml.Attribute(root, "ForceAuthn") is "true" or "1",
            IsPassive = SafeXml.Attribute(root, "IsPassive") is "true" or "1",
        };
    }

    public byte[] ToXml()
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("samlp", "AuthnRequest", SamlNames.Protocol);
            w.WriteAttributeString("xmlns", "saml", null, SamlNames.Assertion);
            w.WriteAttributeString("ID", Id);
            w.WriteAttributeString("Version", "2.0");
            w.WriteAttributeString("IssueInstant", SafeXml.FormatTime(IssueInstant));
            WriteOptional(w, "Destination", Destination);
            WriteOptional(w, "AssertionConsumerServiceURL", AssertionConsumerServiceUrl);
            WriteOptional(w, "ProtocolBinding", ProtocolBinding);
            if (ForceAuthn)
            {
                w.WriteAttributeString("ForceAuthn", "true");
            }
            if (IsPassive)
            {
                w.WriteAttributeString("IsPassive", "true");
            }
            if (Issuer is not null)
            {
                w.WriteElementString("saml", "Issuer", SamlNames.Assertion, Issuer);
            }
            if (NameIdFormat is not null)
            {
                w.WriteStartElement("samlp", "NameIDPolicy", SamlNames.Protocol);
                w.WriteAttributeString("Format", NameIdFormat);
                w.WriteAttributeString("AllowCreate", "true");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    internal static void WriteOptional(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteAttributeString(name, value);
        }
    }
}
