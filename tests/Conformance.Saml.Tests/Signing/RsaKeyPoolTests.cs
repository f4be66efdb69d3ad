using System.Security.Cryptography;
using Conformance.Saml.Signing;

namespace Conformance.Saml.Tests.Signing;

public class RsaKeyPoolTests
{
    [Test]
    public void Take_Twice_GivesTwoDifferentKeys()
    {
        using var first = RsaKeyPool.Take();
        using var second = RsaKeyPool.Take();

        Assert.That(second.ExportRSAPublicKey(), Is.Not.EqualTo(first.ExportRSAPublicKey()));
    }

    [Test]
    public void Take_GivesAnRsa2048KeyThatSigns()
    {
        using var key = RsaKeyPool.Take();
        var data = "SAMLResponse"u8.ToArray();

        var signature = key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.Multiple(() =>
        {
            Assert.That(key.KeySize, Is.EqualTo(2048));
            Assert.That(key.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
        });
    }

    [Test]
    public void SigningCertificates_ForTwoApplications_HoldDifferentKeys()
    {
        var now = DateTimeOffset.UtcNow;
        using var first = SigningCertificate.Create("first", now);
        using var second = SigningCertificate.Create("second", now);

        Assert.That(second.Certificate.GetPublicKey(), Is.Not.EqualTo(first.Certificate.GetPublicKey()));
    }
}
