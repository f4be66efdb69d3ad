using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;

namespace Conformance.Saml.Metadata;

/// <summary>The IdP metadata an SP imports: entity ID, SSO endpoints for both bindings, SLO, signing key.</summary>
public sealed record IdpMetadata(string EntityId, string SsoUrl, string SloUrl, X509Certificate2 SigningCertificate)
{
    private const string Md = "md";
    private const string Ds = "ds";

    public string ToXml()
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true }))
        {
            w.WriteStartElement(Md, "EntityDescriptor", SamlNames.Metadata);
            w.WriteAttributeString("entityID", EntityId);
            w.WriteStartElement(Md, "IDPSSODescriptor", SamlNames.Metadata);
            w.WriteAttributeString("WantAuthnRequestsSigned", "false");
            w.WriteAttributeString("protocolSupportEnumeration", SamlNames.Protocol);

            w.WriteStartElement(Md, "KeyDescriptor", SamlNames.Metadata);
            w.WriteAttributeString("use", "signing");
            w.WriteStartElement(Ds, "KeyInfo", SamlNames.XmlDsig);
            w.WriteStartElement(Ds, "X509Data", SamlNames.XmlDsig);
            w.WriteElementString(Ds, "X509Certificate", SamlNames.XmlDsig, Convert.ToBase64String(SigningCertificate.RawData));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();

            // Schema order of SSODescriptorType: SingleLogoutService, then NameIDFormat, then SingleSignOnService.
            Endpoint(w, "SingleLogoutService", SamlNames.HttpRedirectBinding, SloUrl);
            foreach (var format in SamlNames.NameIdFormats)
            {
                w.WriteElementString(Md, "NameIDFormat", SamlNames.Metadata, format);
            }
            Endpoint(w, "SingleSignOnService", SamlNames.HttpRedirectBinding, SsoUrl);
            Endpoint(w, "SingleSignOnService", SamlNames.HttpPostBinding, SsoUrl);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return text.ToString();
    }

    private static void Endpoint(XmlWriter w, string name, string binding, string location)
    {
        w.WriteStartElement(Md, name, SamlNames.Metadata);
        w.WriteAttributeString("Binding", binding);
        w.WriteAttributeString("Location", location);
        w.WriteEndElement();
    }
}
