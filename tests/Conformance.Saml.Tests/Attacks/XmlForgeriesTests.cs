using System.Text;
using System.Xml;
using Conformance.Saml.Signing;
using Conformance.Saml.Xml;
using static Conformance.Saml.Tests.Attacks.AttackSamples;

namespace Conformance.Saml.Tests.Attacks;

public class XmlForgeriesTests
{
    [Test]
    public void Forge_ExternalEntity_DeclaresAParameterEntityAtTheListenerBeforeAValidResponse()
    {
        var text = Encoding.UTF8.GetString(Forge("xxe-external-entity").Xml);
        var end = text.IndexOf("]>", StringComparison.Ordinal) + 2;

        Assert.Multiple(() =>
        {
            Assert.That(text[..end], Is.EqualTo($"<!DOCTYPE samlp:Response [<!ENTITY % xxe SYSTEM \"{Listener.AbsoluteUri}\"> %xxe;]>"));
            Assert.That(SignatureVerifier.Verify(Encoding.UTF8.GetBytes(text[end..]), TestKeys.App.Certificate).IsValid, Is.True);
        });
    }

    [TestCase("xxe-external-entity")]
    [TestCase("entity-expansion")]
    public void Forge_DtdCase_IsRefusedByTheLibrarysOwnParser(string attackId)
    {
        Assert.That(() => SafeXml.Load(Forge(attackId).Xml), Throws.TypeOf<SamlMessageException>().With.Message.Contains("DTD"));
    }

    [Test]
    public void Forge_EntityExpansion_ExpandsAHundredThousandfoldIntoTheSignedStatusMessage()
    {
        var forged = Forge("entity-expansion");
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null, MaxCharactersFromEntities = 1_000_000 };
        using (var reader = XmlReader.Create(new MemoryStream(forged.Xml), settings))
        {
            document.Load(reader);
        }
        var message = Value(document, "/samlp:Response/samlp:Status/samlp:StatusMessage");
        document.RemoveChild(document.DocumentType!);

        Assert.Multiple(() =>
        {
            Assert.That(forged.Xml, Has.Length.LessThan(10_000));
            Assert.That(message, Has.Length.EqualTo(300_000));
            Assert.That(SignatureVerifier.Verify(Encoding.UTF8.GetBytes(document.OuterXml), TestKeys.App.Certificate).IsValid, Is.True,
                "the signature verifies for an SP that expands the entities");
        });
    }

    [Test]
    public void Forge_Oversized_IsOverOneMebibyteAndStillValidlySigned()
    {
        var forged = Forge("oversized");
        var document = AttackCatalogTests.Permissive(forged.Xml);

        Assert.Multiple(() =>
        {
            Assert.That(forged.Xml, Has.Length.GreaterThan(1 << 20));
            Assert.That(() => SafeXml.Load(forged.Xml), Throws.TypeOf<SamlMessageException>());
            Assert.That(SignatureCovers(Element(document, "/samlp:Response/ds:Signature"), document.DocumentElement!, TestKeys.App.Certificate), Is.True);
            Assert.That(SignatureCovers(Element(document, "/samlp:Response/saml:Assertion/ds:Signature"), Element(document, "/samlp:Response/saml:Assertion"), TestKeys.App.Certificate), Is.True);
        });
    }
}
