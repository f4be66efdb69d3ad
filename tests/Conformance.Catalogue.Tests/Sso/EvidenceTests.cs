namespace Conformance.Catalogue.Tests.Sso;

/// <summary>What a check downloads to decide is in the report, like what the IdP sent: an auditor can see it.</summary>
public sealed class EvidenceTests
{
    [Test]
    public async Task CertificateCheck_KeepsTheCertificateAndMetadataItDownloadedAsEvidence()
    {
        var result = await Catalogue.RunAsync(Catalogue.Get("sso.certificate.download"));

        var downloads = result.Steps.SelectMany(s => s.Evidence.Exchanges).Where(e => e.Channel == "saml").Select(e => new Uri(e.Url).AbsolutePath).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(downloads, Has.Some.EndsWith("/certificate.pem"), Catalogue.Describe(result));
            Assert.That(downloads, Has.Some.EndsWith("/metadata"), Catalogue.Describe(result));
        });
    }
}
