using System.Xml;
using Conformance.Saml.Responses;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Tests.Responses;

public class ResponseBuilderTests
{
    private static readonly string[] ResponseOrder = ["Issuer", "Signature", "Status", "Assertion"];
    private static readonly string[] AssertionOrder = ["Issuer", "Signature", "Subject", "Conditions", "AuthnStatement", "AttributeStatement"];
    private static readonly string[] Transforms = ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"];

    private static XmlDocument Build(ResponseSpec spec) =>
        SafeXml.Load(ResponseBuilder.Build(spec, TestKeys.App.Certificate).Xml);

    private static XmlNamespaceManager Ns(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("samlp", SamlNames.Protocol);
        ns.AddNamespace("saml", SamlNames.Assertion);
        ns.AddNamespace("ds", SamlNames.XmlDsig);
        return ns;
    }

    private static string? Value(XmlDocument document, string xpath) =>
        document.SelectSingleNode(xpath, Ns(document))?.Value ?? document.SelectSingleNode(xpath, Ns(document))?.InnerText;

    private static List<string> ChildNames(XmlNode element) =>
        [.. element.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName)];

    [Test]
    public void Build_SignedBoth_PutsChildrenInSchemaOrderWithSignatureRightAfterIssuer()
    {
        var document = Build(ResponseSamples.Spec());
        var response = document.DocumentElement!;
        var assertion = document.SelectSingleNode("/samlp:Response/saml:Assertion", Ns(document))!;

        Assert.Multiple(() =>
        {
            Assert.That(ChildNames(response), Is.EqualTo(ResponseOrder));
            Assert.That(ChildNames(assertion), Is.EqualTo(AssertionOrder));
        });
    }

    [Test]
    public void Build_Baseline_SetsDestinationRecipientAudienceAndIssuers()
    {
        var document = Build(ResponseSamples.Spec());
        var spec = ResponseSamples.Spec();

        Assert.Multiple(() =>
        {
            Assert.That(Value(document, "/samlp:Response/@Destination"), Is.EqualTo(spec.AcsUrl));
            Assert.That(Value(document, "/samlp:Response/saml:Issuer"), Is.EqualTo(spec.IdpEntityId));
            Assert.That(Value(document, "//saml:Assertion/saml:Issuer"), Is.EqualTo(spec.IdpEntityId));
            Assert.That(Value(document, "//saml:SubjectConfirmation/@Method"), Is.EqualTo(SamlNames.BearerConfirmation));
            Assert.That(Value(document, "//saml:SubjectConfirmationData/@Recipient"), Is.EqualTo(spec.AcsUrl));
            Assert.That(Value(document, "//saml:AudienceRestriction/saml:Audience"), Is.EqualTo(spec.Audience));
            Assert.That(Value(document, "//saml:NameID"), Is.EqualTo(spec.NameId));
            Assert.That(Value(document, "//saml:NameID/@Format"), Is.EqualTo(SamlNames.NameIdEmailAddress));
            Assert.That(Value(document, "//saml:AuthnStatement/@SessionIndex"), Is.EqualTo("_session-1"));
            Assert.That(Value(document, "/samlp:Response/samlp:Status/samlp:StatusCode/@Value"), Is.EqualTo(SamlNames.StatusSuccess));
        });
    }

    [Test]
    public void Build_Baseline_TakesEveryTimeFromTheGivenInstant()
    {
        var document = Build(ResponseSamples.Spec() with { Lifetime = TimeSpan.FromMinutes(3) });

        Assert.Multiple(() =>
        {
            Assert.That(Value(document, "/samlp:Response/@IssueInstant"), Is.EqualTo("2025-03-14T09:26:53.000Z"));
            Assert.That(Value(document, "//saml:Assertion/@IssueInstant"), Is.EqualTo("2025-03-14T09:26:53.000Z"));
            Assert.That(Value(document, "//saml:Conditions/@NotBefore"), Is.EqualTo("2025-03-14T09:26:53.000Z"));
            Assert.That(Value(document, "//saml:Conditions/@NotOnOrAfter"), Is.EqualTo("2025-03-14T09:29:53.000Z"));
            Assert.That(Value(document, "//saml:SubjectConfirmationData/@NotOnOrAfter"), Is.EqualTo("2025-03-14T09:29:53.000Z"));
            Assert.That(Value(document, "//saml:AuthnStatement/@AuthnInstant"), Is.EqualTo("2025-03-14T09:26:53.000Z"));
        });
    }

    [Test]
    public void Build_IdpInitiated_HasNoInResponseToAnywhere()
    {
        var document = Build(ResponseSamples.Spec());

        Assert.That(document.SelectNodes("//@InResponseTo")!, Is.Empty);
    }

    [Test]
    public void Build_SpInitiated_SetsInResponseToOnResponseAndConfirmationData()
    {
        var document = Build(ResponseSamples.Spec() with { InResponseTo = "_req-42" });

        Assert.Multiple(() =>
        {
            Assert.That(Value(document, "/samlp:Response/@InResponseTo"), Is.EqualTo("_req-42"));
            Assert.That(Value(document, "//saml:SubjectConfirmationData/@InResponseTo"), Is.EqualTo("_req-42"));
        });
    }

    [Test]
    public void Build_Attributes_AreTypedXsStringWithTheirPrefixDeclared()
    {
        var document = Build(ResponseSamples.Spec());
        var value = (XmlElement)document.SelectSingleNode("//saml:Attribute[@Name='firstName']/saml:AttributeValue", Ns(document))!;

        Assert.Multiple(() =>
        {
            Assert.That(value.InnerText, Is.EqualTo("Ada & <Countess>"));
            Assert.That(value.GetAttribute("type", SamlNames.XmlSchemaInstance), Is.EqualTo("xs:string"));
            Assert.That(value.GetNamespaceOfPrefix("xs"), Is.EqualTo(SamlNames.XmlSchema));
        });
    }

    [Test]
    public void Build_NoAttributes_OmitsTheAttributeStatement()
    {
        var document = Build(ResponseSamples.Spec() with { Attributes = [] });

        Assert.That(document.SelectSingleNode("//saml:AttributeStatement", Ns(document)), Is.Null);
    }

    [TestCase(SignedParts.Assertion, 0, 1)]
    [TestCase(SignedParts.Response, 1, 0)]
    [TestCase(SignedParts.None, 0, 0)]
    public void Build_SigningChoice_SignsOnlyTheChosenParts(SignedParts signing, int responseSignatures, int assertionSignatures)
    {
        var document = Build(ResponseSamples.Spec() with { Signing = signing });

        Assert.Multiple(() =>
        {
            Assert.That(document.SelectNodes("/samlp:Response/ds:Signature", Ns(document))!, Has.Count.EqualTo(responseSignatures));
            Assert.That(document.SelectNodes("//saml:Assertion/ds:Signature", Ns(document))!, Has.Count.EqualTo(assertionSignatures));
        });
    }

    [Test]
    public void Build_Signature_UsesExclusiveC14nRsaSha256AndSha256()
    {
        var document = Build(ResponseSamples.Spec());
        var ns = Ns(document);

        foreach (XmlElement signature in document.SelectNodes("//ds:Signature", ns)!)
        {
            Assert.Multiple(() =>
            {
                Assert.That(signature.SelectSingleNode("ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm", ns)!.Value, Is.EqualTo("http://www.w3.org/2001/10/xml-exc-c14n#"));
                Assert.That(signature.SelectSingleNode("ds:SignedInfo/ds:SignatureMethod/@Algorithm", ns)!.Value, Is.EqualTo(SamlNames.RsaSha256));
                Assert.That(signature.SelectSingleNode("ds:SignedInfo/ds:Reference/ds:DigestMethod/@Algorithm", ns)!.Value, Is.EqualTo("http://www.w3.org/2001/04/xmlenc#sha256"));
                Assert.That(
                    signature.SelectNodes("ds:SignedInfo/ds:Reference/ds:Transforms/ds:Transform/@Algorithm", ns)!.Cast<XmlAttribute>().Select(a => a.Value),
                    Is.EqualTo(Transforms));
            });
        }
    }

    [Test]
    public void Build_TwoResponses_HaveDifferentIds()
    {
        var first = ResponseBuilder.Build(ResponseSamples.Spec(), TestKeys.App.Certificate);
        var second = ResponseBuilder.Build(ResponseSamples.Spec(), TestKeys.App.Certificate);

        Assert.That(second.ResponseId, Is.Not.EqualTo(first.ResponseId).And.Not.EqualTo(second.AssertionId));
    }

    [Test]
    public void Build_WritesTheProfileFixedValues()
    {
        var authnInstant = ResponseSamples.Now.AddMinutes(-3);
        var document = Build(ResponseSamples.Spec() with { AuthnInstant = authnInstant });

        Assert.Multiple(() =>
        {
            // SAML Core 2.2.5: an Issuer of a Response or Assertion is an entity identifier.
            Assert.That(Value(document, "/samlp:Response/saml:Issuer/@Format"), Is.EqualTo(SamlNames.NameIdEntity));
            Assert.That(Value(document, "/samlp:Response/saml:Assertion/saml:Issuer/@Format"), Is.EqualTo(SamlNames.NameIdEntity));
            Assert.That(Value(document, "//saml:AuthnStatement/@AuthnInstant"), Is.EqualTo("2025-03-14T09:23:53.000Z"));
            Assert.That(Value(document, "//saml:AuthnContext/saml:AuthnContextClassRef"), Is.EqualTo(SamlNames.PasswordProtectedTransport));
            Assert.That(Value(document, "//saml:Attribute[@Name='email']/@NameFormat"), Is.EqualTo(SamlNames.BasicAttributeNameFormat));
        });
    }

    [Test]
    public void Build_WithGivenIds_UsesThem()
    {
        var built = ResponseBuilder.Build(ResponseSamples.Spec() with { ResponseId = "_r-given", AssertionId = "_a-given" }, TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(built.ResponseId, Is.EqualTo("_r-given"));
            Assert.That(built.AssertionId, Is.EqualTo("_a-given"));
        });
    }

    [Test]
    public void Build_Signed_UsesExclusiveC14nKeepingXsAndCarriesTheSigningCertificate()
    {
        var document = Build(ResponseSamples.Spec());

        Assert.Multiple(() =>
        {
            // xs stays visible to the canonical form: attribute values typed xs:string must keep their prefix bound.
            Assert.That(Value(document, "/samlp:Response/saml:Assertion/ds:Signature//ds:Transform[2]/*[local-name()='InclusiveNamespaces']/@PrefixList"), Is.EqualTo("xs"));
            Assert.That(Value(document, "/samlp:Response/saml:Assertion/ds:Signature//ds:DigestMethod/@Algorithm"), Is.EqualTo("http://www.w3.org/2001/04/xmlenc#sha256"));
            Assert.That(Value(document, "/samlp:Response/saml:Assertion/ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate"),
                Is.EqualTo(Convert.ToBase64String(TestKeys.App.Certificate.RawData)));
        });
    }

    [Test]
    public void Build_SignedWithACertificateWithoutItsKey_SaysSo()
    {
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(TestKeys.App.Certificate.RawData);

        var thrown = Assert.Throws<InvalidOperationException>(() => ResponseBuilder.Build(ResponseSamples.Spec(), publicOnly));

        Assert.That(thrown!.Message, Does.Contain("no RSA private key"));
    }
}
