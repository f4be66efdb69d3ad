using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Saml.Signing;

using Conformance.Testing;

namespace Conformance.IdP.Tests.Sso;

/// <summary>A target's stable IdP identity: one address and one key for every application, as an SP configured once expects.</summary>
public sealed class SharedIdentityTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(MockIdpServer Idp, ApplicationCatalog Catalog)> StartAsync(SigningCertificate shared, Uri baseUrl)
    {
        var directory = new JumpCloudDirectory();
        var catalog = new ApplicationCatalog(directory);
        catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        catalog.Create(new ApplicationSettings { Name = "Other", SsoSuffix = "other" });
        var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Directory = directory, Catalog = catalog, Sink = new RecordingSamlSink(), BaseUrl = baseUrl, SigningCertificate = shared });
        return (idp, catalog);
    }

    [Test]
    public async Task EveryApplication_SignsWithTheSharedKeyAtTheFixedAddress()
    {
        using var shared = SigningCertificate.Create("stable IdP", DateTimeOffset.UtcNow);
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var (idp, _) = await StartAsync(shared, baseUrl);
        await using (idp)
        {
            using var http = new HttpClient();
            var metadata = await http.GetStringAsync(idp.MetadataUrl("bluejeans"));

            Assert.Multiple(() =>
            {
                Assert.That(idp.BaseUrl, Is.EqualTo(baseUrl.GetLeftPart(UriPartial.Authority)));
                Assert.That(idp.CertificatePem("bluejeans"), Is.EqualTo(shared.Pem));
                Assert.That(idp.CertificatePem("other"), Is.EqualTo(shared.Pem));
                Assert.That(metadata, Does.Contain($"entityID=\"{baseUrl.GetLeftPart(UriPartial.Authority)}/saml2/bluejeans\""));
            });
        }
    }

    [Test]
    public async Task ReplaceCertificate_ChangesThatApplicationOnlyAndLeavesTheSharedKeyUsable()
    {
        using var shared = SigningCertificate.Create("stable IdP", DateTimeOffset.UtcNow);
        var (idp, _) = await StartAsync(shared, new Uri($"http://127.0.0.1:{FreePort()}"));
        await using (idp)
        {
            idp.ReplaceCertificate("bluejeans");

            Assert.Multiple(() =>
            {
                Assert.That(idp.CertificatePem("bluejeans"), Is.Not.EqualTo(shared.Pem));
                Assert.That(idp.CertificatePem("other"), Is.EqualTo(shared.Pem));
            });
        }
        Assert.That(shared.Certificate.GetRSAPrivateKey(), Is.Not.Null, "the IdP does not dispose a key it was lent");
    }
}
