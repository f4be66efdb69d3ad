using System.Security.Cryptography.Xml;
using Conformance.Saml.Signing;
using static Conformance.Saml.Tests.Attacks.AttackSamples;

namespace Conformance.Saml.Tests.Attacks;

public class SignatureForgeriesTests
{
    [Test]
    public void Forge_SignatureExclusion_LeavesNoSignatureAnywhere()
    {
        var forged = Forge("signature-exclusion");
        var report = SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(Load(forged).GetElementsByTagName("Signature", SamlNames.XmlDsig), Is.Empty);
            Assert.That((report.Response, report.Assertion), Is.EqualTo((SignatureStatus.Absent, SignatureStatus.Absent)));
            Assert.That(forged.CertificatePem, Is.Null);
        });
    }

    [TestCase("assertion-unsigned", SignatureStatus.Valid, SignatureStatus.Absent)]
    [TestCase("response-unsigned", SignatureStatus.Absent, SignatureStatus.Valid)]
    public void Forge_OnlyOnePartSigned_SignsExactlyThatPartValidly(string attackId, SignatureStatus response, SignatureStatus assertion)
    {
        var report = SignatureVerifier.Verify(Forge(attackId).Xml, TestKeys.App.Certificate);

        Assert.That((report.Response, report.Assertion), Is.EqualTo((response, assertion)));
    }

    [Test]
    public void Forge_ForeignKey_VerifiesOnlyWithTheAttackersCertificateWhichKeyInfoCarries()
    {
        var forged = Forge("foreign-key-in-keyinfo");
        var keyInfo = Value(Load(forged), "/samlp:Response/ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate");

        Assert.Multiple(() =>
        {
            Assert.That(SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate).IsValid, Is.False);
            Assert.That(SignatureVerifier.Verify(forged.Xml, TestKeys.Other.Certificate).IsValid, Is.True);
            Assert.That(keyInfo, Is.EqualTo(Convert.ToBase64String(TestKeys.Other.Certificate.RawData)));
            Assert.That(forged.CertificatePem, Is.EqualTo(TestKeys.Other.Pem));
        });
    }

    [Test]
    public void Forge_DigestMismatch_NamesTheAttackerAndNoLongerVerifies()
    {
        var forged = Forge("digest-mismatch");
        var report = SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(NameId(Element(Load(forged), "/samlp:Response/saml:Assertion")), Is.EqualTo(Attacker));
            Assert.That((report.Response, report.Assertion), Is.EqualTo((SignatureStatus.Invalid, SignatureStatus.Invalid)));
            Assert.That(report.Problems, Has.Some.Contains("digest or signature value mismatch"));
            Assert.That(forged.ImpersonatedNameId, Is.EqualTo(Attacker));
        });
    }

    [Test]
    public void Forge_EmptyReferenceUri_IsAValidSignatureOverTheDocumentThatTheVerifierRefuses()
    {
        var forged = Forge("empty-reference-uri");
        var document = Load(forged);
        var signature = Element(document, "/samlp:Response/ds:Signature");

        Assert.Multiple(() =>
        {
            Assert.That(Value(signature, "ds:SignedInfo/ds:Reference/@URI"), Is.Empty);
            Assert.That(document.GetElementsByTagName("Signature", SamlNames.XmlDsig), Has.Count.EqualTo(1));
            Assert.That(SignatureCovers(signature, document.DocumentElement!, TestKeys.App.Certificate), Is.True);
            Assert.That(SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate).Problems, Has.Some.Contains("does not reference its own Response"));
        });
    }

    [Test]
    public void Forge_Sha1_SignsBothPartsWithRsaSha1AndSha1DigestsThatStillVerify()
    {
        var forged = Forge("sha1");
        var document = Load(forged);
        var report = SignatureVerifier.Verify(forged.Xml, TestKeys.App.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(report.IsValid && report.Response == SignatureStatus.Valid && report.Assertion == SignatureStatus.Valid, Is.True, string.Join("; ", report.Problems));
            foreach (var path in new[] { "/samlp:Response/ds:Signature", "/samlp:Response/saml:Assertion/ds:Signature" })
            {
                var signature = Element(document, path);
                Assert.That(Value(signature, "ds:SignedInfo/ds:SignatureMethod/@Algorithm"), Is.EqualTo(SignedXml.XmlDsigRSASHA1Url), path);
                Assert.That(Value(signature, "ds:SignedInfo/ds:Reference/ds:DigestMethod/@Algorithm"), Is.EqualTo(SignedXml.XmlDsigSHA1Url), path);
            }
        });
    }
}
