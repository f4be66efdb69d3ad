using System.Text;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Tests.Xml;

public class SafeXmlTests
{
    private const string Header = """<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0" IssueInstant="2025-03-14T09:26:53Z"/>""";

    private static System.Xml.XmlElement Root(string xml) => SafeXml.Load(xml).DocumentElement!;

    [Test]
    public void Load_WithADoctype_IsRefusedAsAMessageError()
    {
        const string xml = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>""";

        Assert.Multiple(() =>
        {
            Assert.That(() => SafeXml.Load(xml), Throws.TypeOf<SamlMessageException>().With.Message.Contains("DTDs are prohibited"));
            Assert.That(() => SafeXml.Load(Encoding.UTF8.GetBytes(xml)), Throws.TypeOf<SamlMessageException>().With.Message.Contains("DTDs are prohibited"));
        });
    }

    [Test]
    public void Load_KeepsWhitespaceBetweenElements()
    {
        const string xml = "<r>\n  <a> x </a>\n</r>";

        Assert.That(SafeXml.Load(Encoding.UTF8.GetBytes(xml)).OuterXml, Is.EqualTo(xml));
    }

    [Test]
    public void Root_OfAnotherElement_NamesWhatItGot()
    {
        Assert.That(() => SafeXml.Root(SafeXml.Load("<x:Other xmlns:x=\"urn:x\"/>"), SamlNames.Protocol, "Response"),
            Throws.TypeOf<SamlMessageException>().With.Message.EndsWith("got x:Other."));
    }

    [Test]
    public void Attribute_Absent_IsNullNotEmpty()
    {
        Assert.That(SafeXml.Attribute(Root(Header), "Destination"), Is.Null);
    }

    [Test]
    public void ProtocolHeader_OfAValidMessage_GivesIdAndInstantInUtc()
    {
        var (id, instant) = SafeXml.ProtocolHeader(Root(Header.Replace("09:26:53Z", "10:26:53+01:00", StringComparison.Ordinal)));

        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo("_1"));
            Assert.That(instant, Is.EqualTo(new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero)));
            Assert.That(instant.Offset, Is.EqualTo(TimeSpan.Zero));
        });
    }

    [TestCase("Version=\"2.0\"", "Version=\"1.1\"", "LogoutRequest Version must be 2.0.")]
    [TestCase("ID=\"_1\"", "ID=\"\"", "LogoutRequest has no ID.")]
    [TestCase("IssueInstant=\"2025-03-14T09:26:53Z\"", "IssueInstant=\"yesterday\"", "LogoutRequest IssueInstant is missing or not an xs:dateTime: 'yesterday'.")]
    public void ProtocolHeader_WithOneFieldWrong_NamesIt(string field, string wrong, string message)
    {
        Assert.That(() => SafeXml.ProtocolHeader(Root(Header.Replace(field, wrong, StringComparison.Ordinal))),
            Throws.TypeOf<SamlMessageException>().With.Message.EqualTo(message));
    }
}
