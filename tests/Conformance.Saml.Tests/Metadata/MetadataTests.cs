using Conformance.Saml.Metadata;
using Conformance.Saml.Signing;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Tests.Metadata;

public class MetadataTests
{
    private const string Sp = """
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://sp.example.test/metadata">
          <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>AAAA</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
            <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>CERT</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
            <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.test/slo-post"/>
            <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://sp.example.test/slo"/>
            <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="https://sp.example.test/artifact" index="0"/>
            <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.test/acs2" index="2"/>
            <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.test/acs" index="1"/>
          </md:SPSSODescriptor>
        </md:EntityDescriptor>
        """;

    private static string SpWithCertificate() =>
        Sp.Replace("CERT", Convert.ToBase64String(TestKeys.Other.Certificate.RawData), StringComparison.Ordinal);

    [Test]
    public void SpMetadata_Parse_TakesEntityIdPostAcsWithLowestIndexRedirectSloAndSigningCertificate()
    {
        var sp = SpMetadata.Parse(SpWithCertificate());

        Assert.Multiple(() =>
        {
            Assert.That(sp.EntityId, Is.EqualTo("https://sp.example.test/metadata"));
            Assert.That(sp.AcsUrl, Is.EqualTo("https://sp.example.test/acs"));
            Assert.That(sp.AcsBinding, Is.EqualTo(SamlNames.HttpPostBinding));
            Assert.That(sp.SloUrl, Is.EqualTo("https://sp.example.test/slo"));
            Assert.That(sp.SigningCertificatePem, Is.EqualTo(TestKeys.Other.Pem));
            Assert.That(sp.AuthnRequestsSigned, Is.True);
        });
    }

    [Test]
    public void SpMetadata_Parse_DefaultAcsWins()
    {
        var sp = SpMetadata.Parse(SpWithCertificate().Replace("index=\"2\"", "index=\"2\" isDefault=\"true\"", StringComparison.Ordinal));

        Assert.That(sp.AcsUrl, Is.EqualTo("https://sp.example.test/acs2"));
    }

    [Test]
    public void SpMetadata_Parse_WithDoctype_IsRefused()
    {
        Assert.That(() => SpMetadata.Parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + SpWithCertificate()),
            Throws.TypeOf<SamlMessageException>());
    }

    [Test]
    public void IdpMetadata_ToXml_HasEntityIdBothSsoBindingsSloAndTheSigningCertificate()
    {
        var xml = new IdpMetadata("http://127.0.0.1:1/saml2/bj", "http://127.0.0.1:1/saml2/bj", "http://127.0.0.1:1/saml2/bj/slo", TestKeys.App.Certificate).ToXml();

        var root = SafeXml.Load(xml).DocumentElement!;
        var idp = SafeXml.Child(root, SamlNames.Metadata, "IDPSSODescriptor")!;
        var sso = SafeXml.Children(idp, SamlNames.Metadata, "SingleSignOnService").Select(e => e.GetAttribute("Binding")).ToList();
        var certificate = idp.GetElementsByTagName("X509Certificate", SamlNames.XmlDsig)[0]!.InnerText;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetAttribute("entityID"), Is.EqualTo("http://127.0.0.1:1/saml2/bj"));
            Assert.That(sso, Is.EquivalentTo(new[] { SamlNames.HttpRedirectBinding, SamlNames.HttpPostBinding }));
            Assert.That(SafeXml.Child(idp, SamlNames.Metadata, "SingleLogoutService")!.GetAttribute("Location"), Is.EqualTo("http://127.0.0.1:1/saml2/bj/slo"));
            Assert.That(SafeXml.Child(idp, SamlNames.Metadata, "KeyDescriptor")!.GetAttribute("use"), Is.EqualTo("signing"));
            Assert.That(SigningCertificate.PemFromBase64(certificate), Is.EqualTo(TestKeys.App.Pem));
        });
    }
}
