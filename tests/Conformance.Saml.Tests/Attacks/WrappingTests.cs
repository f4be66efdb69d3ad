using Conformance.Saml.Signing;
using static Conformance.Saml.Tests.Attacks.AttackSamples;

namespace Conformance.Saml.Tests.Attacks;

public class WrappingTests
{
    /// <summary>Where SAML Raider puts the evil element, the signed original, and the signature that still covers the original.</summary>
    private static readonly object[] Layouts =
    [
        new object[] { "xsw1", "/samlp:Response", "/samlp:Response/ds:Signature/samlp:Response", "/samlp:Response/ds:Signature", false },
        new object[] { "xsw2", "/samlp:Response", "/samlp:Response/samlp:Response[following-sibling::*[1][self::ds:Signature]]", "/samlp:Response/ds:Signature", false },
        new object[] { "xsw3", "/samlp:Response/saml:Assertion[1][not(ds:Signature)]", "/samlp:Response/saml:Assertion[2]", "/samlp:Response/saml:Assertion[2]/ds:Signature", false },
        new object[] { "xsw4", "/samlp:Response/saml:Assertion[not(ds:Signature)]", "/samlp:Response/saml:Assertion/saml:Assertion", "/samlp:Response/saml:Assertion/saml:Assertion/ds:Signature", false },
        new object[] { "xsw5", "/samlp:Response/saml:Assertion[1]", "/samlp:Response/saml:Assertion[2][not(ds:Signature)]", "/samlp:Response/saml:Assertion[1]/ds:Signature", false },
        new object[] { "xsw6", "/samlp:Response/saml:Assertion", "/samlp:Response/saml:Assertion/ds:Signature/saml:Assertion", "/samlp:Response/saml:Assertion/ds:Signature", false },
        new object[] { "xsw7", "/samlp:Response/samlp:Extensions[following-sibling::*[1][self::samlp:Status]]/saml:Assertion[not(ds:Signature)]", "/samlp:Response/saml:Assertion", "/samlp:Response/saml:Assertion/ds:Signature", true },
        new object[] { "xsw8", "/samlp:Response/saml:Assertion", "/samlp:Response/saml:Assertion/ds:Signature/ds:Object/saml:Assertion", "/samlp:Response/saml:Assertion/ds:Signature", true },
        new object[] { "two-assertions-one-signed", "/samlp:Response/saml:Assertion[2][not(ds:Signature)]", "/samlp:Response/saml:Assertion[1]", "/samlp:Response/saml:Assertion[1]/ds:Signature", false },
    ];

    [TestCaseSource(nameof(Layouts))]
    public void Forge_Wrapping_KeepsTheSignedOriginalVerifiableAndPutsTheAttackerWhereTheToolDoes(string attackId, string evilPath, string originalPath, string signaturePath, bool sameId)
    {
        var forged = Forge(attackId);
        var document = Load(forged);
        var evil = Element(document, evilPath);
        var original = Element(document, originalPath);
        var signature = Element(document, signaturePath);
        var uri = Value(signature, "ds:SignedInfo/ds:Reference/@URI");

        Assert.Multiple(() =>
        {
            Assert.That(NameId(evil), Is.EqualTo(Attacker));
            Assert.That(NameId(original), Is.EqualTo(Victim));
            Assert.That(uri, Is.EqualTo("#" + original.GetAttribute("ID")));
            Assert.That(evil.GetAttribute("ID") == original.GetAttribute("ID"), Is.EqualTo(sameId), "evil and original share the ID");
            Assert.That(SignatureCovers(signature, original, TestKeys.App.Certificate), Is.True, "the signature still verifies over the original");
            Assert.That(SignatureCovers(signature, evil, TestKeys.App.Certificate), Is.False, "the signature does not cover the evil element");
            Assert.That(forged.ImpersonatedNameId, Is.EqualTo(Attacker));
        });
    }

    [TestCase("xsw1")]
    [TestCase("xsw2")]
    [TestCase("xsw3")]
    [TestCase("xsw4")]
    [TestCase("xsw5")]
    [TestCase("xsw6")]
    [TestCase("xsw7")]
    [TestCase("xsw8")]
    [TestCase("two-assertions-one-signed")]
    public void Forge_Wrapping_DoesNotFoolTheHarnesssOwnVerifier(string attackId)
    {
        var report = SignatureVerifier.Verify(Forge(attackId).Xml, TestKeys.App.Certificate);

        Assert.That(report.IsValid, Is.False, string.Join("; ", report.Problems));
    }
}
