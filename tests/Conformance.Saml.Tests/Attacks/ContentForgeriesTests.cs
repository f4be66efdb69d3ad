using System.Xml;
using Conformance.Saml.Attacks;
using Conformance.Saml.Signing;
using Conformance.Saml.Tests.Responses;
using Conformance.Saml.Xml;
using static Conformance.Saml.Tests.Attacks.AttackSamples;

namespace Conformance.Saml.Tests.Attacks;

public class ContentForgeriesTests
{
    private const string Conditions = "/samlp:Response/saml:Assertion/saml:Conditions";
    private const string Confirmation = "/samlp:Response/saml:Assertion/saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData";

    private static readonly TimeSpan Skew = AttackSamples.Context().ClockSkew;
    private static readonly TimeSpan Lifetime = ResponseSamples.Spec().Lifetime;

    private static string At(TimeSpan offset) => SafeXml.FormatTime(ResponseSamples.Now + offset);

    /// <summary>Each validity window moved beyond the skew; the other window stays as valid as the baseline's.</summary>
    private static readonly object?[][] Windows =
    [
        ["conditions-expired", Conditions, -Skew - Lifetime, -Skew, Confirmation],
        ["conditions-not-yet-valid", Conditions, Skew, Skew + Lifetime, Confirmation],
        ["subject-confirmation-expired", Confirmation, null, -Skew, Conditions],
        ["subject-confirmation-not-yet-valid", Confirmation, Skew, Skew + Lifetime, Conditions],
    ];

    [TestCaseSource(nameof(Windows))]
    public void Forge_TimeWindow_MovesOnlyThatWindowBeyondTheSkewAndIsSignedByTheIdp(string attackId, string windowPath, TimeSpan? notBefore, TimeSpan notOnOrAfter, string otherPath)
    {
        var forged = Forge(attackId);
        var document = Load(forged);
        var window = Element(document, windowPath);
        var other = Element(document, otherPath);

        Assert.Multiple(() =>
        {
            Assert.That(window.GetAttribute("NotBefore"), Is.EqualTo(notBefore is { } start ? At(start) : ""));
            Assert.That(window.GetAttribute("NotOnOrAfter"), Is.EqualTo(At(notOnOrAfter)));
            Assert.That(other.GetAttribute("NotOnOrAfter"), Is.EqualTo(At(Lifetime)));
            Assert.That(SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate).IsValid, Is.True);
        });
    }

    [TestCase("wrong-audience", "/samlp:Response/saml:Assertion/saml:Conditions/saml:AudienceRestriction/saml:Audience", "https://other-sp.example/saml/metadata")]
    [TestCase("wrong-recipient", Confirmation + "/@Recipient", "https://other-sp.example/saml/acs")]
    [TestCase("wrong-destination", "/samlp:Response/@Destination", "https://other-sp.example/saml/acs")]
    [TestCase("wrong-issuer", "/samlp:Response/saml:Issuer", "https://other-idp.example/saml2/app")]
    [TestCase("wrong-issuer", "/samlp:Response/saml:Assertion/saml:Issuer", "https://other-idp.example/saml2/app")]
    public void Forge_WrongAddressee_ChangesThatValueUnderAValidSignature(string attackId, string path, string expected)
    {
        var forged = Forge(attackId);

        Assert.Multiple(() =>
        {
            Assert.That(Value(Load(forged), path), Is.EqualTo(expected));
            Assert.That(SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate).IsValid, Is.True);
        });
    }

    [Test]
    public void Forge_WrongRecipient_LeavesTheDestinationAlone()
    {
        Assert.That(Value(Load(Forge("wrong-recipient")), "/samlp:Response/@Destination"), Is.EqualTo(ResponseSamples.Spec().AcsUrl));
    }

    [Test]
    public void Forge_UnsolicitedInResponseTo_NamesOneNewRequestIdInBothPlaces()
    {
        var document = Load(Forge("unsolicited-in-response-to"));
        var fromResponse = Value(document, "/samlp:Response/@InResponseTo");

        Assert.Multiple(() =>
        {
            Assert.That(fromResponse, Does.StartWith("_").And.Length.EqualTo(41));
            Assert.That(Value(document, Confirmation + "/@InResponseTo"), Is.EqualTo(fromResponse));
        });
    }

    [Test]
    public void Forge_Replay_IsTheValidResponseToSendTwice()
    {
        var forged = Forge("replay");

        Assert.Multiple(() =>
        {
            Assert.That(forged.Sends, Is.EqualTo(2));
            Assert.That(SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate).IsValid, Is.True);
            Assert.That(forged.ImpersonatedNameId, Is.EqualTo(Victim));
        });
    }

    [Test]
    public void Forge_CommentInjection_KeepsAValidSignatureOverTheAttackersFullNameId()
    {
        var forged = Forge("comment-injection");
        var nameId = Element(Load(forged), "/samlp:Response/saml:Assertion/saml:Subject/saml:NameID");

        Assert.Multiple(() =>
        {
            Assert.That(nameId.InnerXml, Is.EqualTo(Victim + "<!---->.evil.example"));
            Assert.That(nameId.FirstChild, Is.InstanceOf<XmlText>().And.Property("Value").EqualTo(Victim));
            Assert.That(nameId.InnerText, Is.EqualTo(Victim + ".evil.example"));
            Assert.That(nameId.GetAttribute("Format"), Is.EqualTo(ResponseSamples.Spec().NameIdFormat));
            Assert.That(SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate).IsValid, Is.True);
            Assert.That(forged.ImpersonatedNameId, Is.EqualTo(Victim));
            Assert.That(AttackCatalog.Get("comment-injection").RefusalRequired, Is.False);
        });
    }
}
