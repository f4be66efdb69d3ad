using System.Text;
using Conformance.Saml.Protocol;
using Conformance.Saml.Responses;
using Conformance.Saml.Tests.Responses;

namespace Conformance.Saml.Tests.Protocol;

public class MessageFieldsTests
{
    private static Dictionary<string, string> Fields(byte[] xml) => MessageFields.Read(xml).ToDictionary(f => f.Name, f => f.Value);

    [Test]
    public void Read_ASignedResponse_GivesWhatAReviewerLooksFor()
    {
        var spec = ResponseSamples.Spec() with { InResponseTo = "_request-7" };

        var fields = Fields(ResponseBuilder.Build(spec, TestKeys.App.Certificate).Xml);

        Assert.Multiple(() =>
        {
            Assert.That(fields["Message"], Is.EqualTo("Response"));
            Assert.That(fields["Destination"], Is.EqualTo(spec.AcsUrl));
            Assert.That(fields["InResponseTo"], Is.EqualTo("_request-7"));
            Assert.That(fields["Issuer"], Is.EqualTo(spec.IdpEntityId));
            Assert.That(fields["Status"], Is.EqualTo(SamlNames.StatusSuccess));
            Assert.That(fields["Subject NameID"], Is.EqualTo($"{spec.NameId} ({SamlNames.NameIdEmailAddress})"));
            Assert.That(fields["SubjectConfirmation Recipient"], Is.EqualTo(spec.AcsUrl));
            Assert.That(fields["Audience"], Is.EqualTo(spec.Audience));
            Assert.That(fields["SessionIndex"], Is.EqualTo("_session-1"));
            Assert.That(fields["Attribute firstName"], Is.EqualTo("Ada & <Countess>"));
            Assert.That(fields, Does.ContainKey("Conditions NotOnOrAfter").And.ContainKey("SubjectConfirmation NotOnOrAfter"));
        });
    }

    [Test]
    public void Read_AnUnsolicitedResponse_LeavesInResponseToOut() =>
        Assert.That(Fields(ResponseBuilder.Build(ResponseSamples.Spec(), TestKeys.App.Certificate).Xml), Does.Not.ContainKey("InResponseTo"));

    [Test]
    public void Read_AMessageWithADoctype_GivesNoFieldsRatherThanExpandingIt()
    {
        var bomb = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\">]><samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"&a;\"/>");

        Assert.That(MessageFields.Read(bomb), Is.Empty);
    }

    [Test]
    public void Read_NotXml_GivesNoFields() =>
        Assert.That(MessageFields.Read(Encoding.UTF8.GetBytes("<html>an SP's error page")), Is.Empty);
}
