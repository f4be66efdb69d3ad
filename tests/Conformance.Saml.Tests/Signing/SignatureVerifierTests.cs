using System.Text;
using Conformance.Saml.Responses;
using Conformance.Saml.Signing;
using Conformance.Saml.Tests.Responses;

namespace Conformance.Saml.Tests.Signing;

public class SignatureVerifierTests
{
    private static byte[] Signed(SignedParts signing = SignedParts.Both) =>
        ResponseBuilder.Build(ResponseSamples.Spec() with { Signing = signing }, TestKeys.App.Certificate).Xml;

    /// <summary>Changes one byte of the NameID value: content both signatures cover.</summary>
    internal static byte[] FlipOneSignedByte(byte[] xml)
    {
        var text = Encoding.UTF8.GetString(xml);
        var at = text.IndexOf("ada.lovelace@", StringComparison.Ordinal);
        var flipped = (byte[])xml.Clone();
        flipped[Encoding.UTF8.GetByteCount(text[..at])] = (byte)'A';
        return flipped;
    }

    [Test]
    public void Verify_SignedBoth_WithTheAppCertificate_IsValid()
    {
        var report = SignatureVerifier.Verify(Signed(), TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(SignatureStatus.Valid));
            Assert.That(report.Assertion, Is.EqualTo(SignatureStatus.Valid));
            Assert.That(report.IsValid, Is.True);
            Assert.That(report.Problems, Is.Empty);
        });
    }

    [Test]
    public void Describe_SignedBoth_SaysBothAreValidAgainstTheCertificateGiven() =>
        Assert.That(SignatureVerifier.Describe(Signed(), TestKeys.App.Certificate.ExportCertificatePem()),
            Is.EqualTo("Response valid, Assertion valid (checked against the application's certificate, never the message's KeyInfo)"));

    [Test]
    public void Describe_OneSignedByteFlipped_SaysBothAreInvalid() =>
        Assert.That(SignatureVerifier.Describe(FlipOneSignedByte(Signed()), TestKeys.App.Certificate.ExportCertificatePem()),
            Does.StartWith("Response invalid, Assertion invalid"));

    [Test]
    public void Describe_NotXml_SaysItCannotBeVerified() =>
        Assert.That(SignatureVerifier.Describe("not xml"u8.ToArray(), TestKeys.App.Certificate.ExportCertificatePem()), Does.StartWith("not verifiable ("));

    [Test]
    public void Verify_OneSignedByteFlipped_IsInvalid()
    {
        var report = SignatureVerifier.Verify(FlipOneSignedByte(Signed()), TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(report.Assertion, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(report.IsValid, Is.False);
        });
    }

    [Test]
    public void Verify_WithAnotherCertificate_IsInvalidDespiteTheEmbeddedKeyInfo()
    {
        var report = SignatureVerifier.Verify(Signed(), TestKeys.Other.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(report.Assertion, Is.EqualTo(SignatureStatus.Invalid));
        });
    }

    [TestCase(SignedParts.Assertion, SignatureStatus.Absent, SignatureStatus.Valid)]
    [TestCase(SignedParts.Response, SignatureStatus.Valid, SignatureStatus.Absent)]
    public void Verify_OnePartSigned_ReportsTheOtherAbsent(SignedParts signing, SignatureStatus response, SignatureStatus assertion)
    {
        var report = SignatureVerifier.Verify(Signed(signing), TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(response));
            Assert.That(report.Assertion, Is.EqualTo(assertion));
            Assert.That(report.IsValid, Is.True);
        });
    }

    [Test]
    public void Verify_Unsigned_IsNotValid()
    {
        var report = SignatureVerifier.Verify(Signed(SignedParts.None), TestKeys.App.Certificate);

        Assert.That(report.IsValid, Is.False);
    }

    [Test]
    public void Verify_AfterAPemRoundTrip_IsValid()
    {
        using var downloaded = SigningCertificate.LoadPem(TestKeys.App.Pem);

        Assert.That(SignatureVerifier.Verify(Signed(), downloaded).IsValid, Is.True);
    }

    [Test]
    public void Pem_HasNoPrivateKey()
    {
        Assert.That(TestKeys.App.Pem, Does.StartWith("-----BEGIN CERTIFICATE-----").And.Not.Contain("PRIVATE"));
    }

    [Test]
    public void Verify_ResponseSignatureBrokenOutsideTheAssertion_IsNotValidThoughTheAssertionIs()
    {
        var text = Encoding.UTF8.GetString(Signed());
        var tampered = Encoding.UTF8.GetBytes(text.Replace("Destination=\"https://sp.example.test/saml/acs\"", "Destination=\"https://sp.example.test/saml/acz\"", StringComparison.Ordinal));

        var report = SignatureVerifier.Verify(tampered, TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(report.Assertion, Is.EqualTo(SignatureStatus.Valid));
            Assert.That(report.IsValid, Is.False, "one invalid signature spoils the message");
        });
    }

    [Test]
    public void Verify_TwoAssertions_IsInvalidAndSaysWhy()
    {
        var document = Conformance.Saml.Xml.SafeXml.Load(Signed(SignedParts.Assertion));
        var assertion = document.DocumentElement!.ChildNodes.OfType<System.Xml.XmlElement>().Single(e => e.LocalName == "Assertion");
        document.DocumentElement.AppendChild(assertion.CloneNode(deep: true));

        var report = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(document.OuterXml), TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.Assertion, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(report.Problems, Does.Contain("The Response carries more than one Assertion."));
        });
    }

    [Test]
    public void Verify_TwoSignaturesOnTheResponse_IsInvalidAndSaysWhy()
    {
        var document = Conformance.Saml.Xml.SafeXml.Load(Signed(SignedParts.Response));
        var signature = document.DocumentElement!.ChildNodes.OfType<System.Xml.XmlElement>().Single(e => e.LocalName == "Signature");
        document.DocumentElement.InsertAfter(signature.CloneNode(deep: true), signature);

        var report = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(document.OuterXml), TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(report.Problems, Does.Contain("Response has more than one Signature."));
        });
    }

    [Test]
    public void Verify_UnknownSignatureAlgorithm_IsInvalidAndSaysItCannotBeChecked()
    {
        var text = Encoding.UTF8.GetString(Signed(SignedParts.Response));
        var tampered = Encoding.UTF8.GetBytes(text.Replace("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "urn:example:no-such-algorithm", StringComparison.Ordinal));

        var report = SignatureVerifier.Verify(tampered, TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.Response, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(report.Problems, Has.Some.StartsWith("Response signature cannot be checked: "));
        });
    }
}
