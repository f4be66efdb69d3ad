using Conformance.Saml.Signing;
using Conformance.Scenarios.Harness;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Tests.Harness;

public sealed class IdpIdentityTests
{
    private string _folder = "";

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("idp-identity-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private static TargetFile Target(IdpSpec? idp = null) => new() { Name = "My SP", Idp = idp };

    [Test]
    public void Resolve_WithoutAKey_GeneratesOneOnceAndKeepsItForTheNextRun()
    {
        using var first = IdpIdentity.Resolve(Target(new IdpSpec { BaseUrl = "http://127.0.0.1:7001" }), _folder, TimeProvider.System);
        using var second = IdpIdentity.Resolve(Target(new IdpSpec { BaseUrl = "http://127.0.0.1:7001" }), _folder, TimeProvider.System);

        Assert.That(second.Signing.Certificate.Thumbprint, Is.EqualTo(first.Signing.Certificate.Thumbprint));
        Assert.That(second.MetadataXml(), Is.EqualTo(first.MetadataXml()), "metadata an SP loaded once stays valid");
        Assert.That(first.KeptIn, Is.EqualTo(Path.Combine(_folder, IdpIdentity.StateFolder, "my-sp")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(first.KeptIn!, "signing-key.pem")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public async Task Resolve_FromRunsStartingTogether_GivesEveryOneTheSameMatchingPair()
    {
        var target = Target(new IdpSpec { BaseUrl = "http://127.0.0.1:7001" });

        var identities = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => IdpIdentity.Resolve(target, _folder, TimeProvider.System))));

        Assert.That(identities.Select(i => i.Signing.Certificate.Thumbprint).Distinct().Count(), Is.EqualTo(1));
        Assert.That(Directory.GetDirectories(Path.Combine(_folder, IdpIdentity.StateFolder)), Has.Length.EqualTo(1), "no staging folder left behind");
        foreach (var identity in identities)
        {
            identity.Dispose();
        }
    }

    [Test]
    public void Resolve_WithAKeyAndCertificate_SignsWithThem()
    {
        using var own = SigningCertificate.Create("vendor IdP", DateTimeOffset.UtcNow);
        var key = Path.Combine(_folder, "key.pem");
        File.WriteAllText(key, own.PrivateKeyPem());

        using var identity = IdpIdentity.Resolve(Target(new IdpSpec { SigningKey = key, SigningCertificate = own.Pem }), _folder, TimeProvider.System);

        Assert.That(identity.Signing.Certificate.Thumbprint, Is.EqualTo(own.Certificate.Thumbprint));
        Assert.That(identity.KeptIn, Is.Null);
        Assert.That(Directory.Exists(Path.Combine(_folder, IdpIdentity.StateFolder)), Is.False, "nothing generated");
    }

    [Test]
    public void Resolve_WithOnlyAKey_IsBadInput()
    {
        var ex = Assert.Throws<InputException>(() => IdpIdentity.Resolve(Target(new IdpSpec { SigningKey = "key.pem" }), _folder, TimeProvider.System));

        Assert.That(ex!.Message, Does.Contain("give both signingKey and signingCertificate"));
    }

    [Test]
    public void Resolve_WithABaseUrlThatHasAPath_IsBadInput()
    {
        var ex = Assert.Throws<InputException>(() => IdpIdentity.Resolve(Target(new IdpSpec { BaseUrl = "http://127.0.0.1:7001/idp" }), _folder, TimeProvider.System));

        Assert.That(ex!.Message, Does.Contain("without a path"));
    }

    [Test]
    public void MetadataXml_NamesTheBaseUrlTheAppAndTheCertificate()
    {
        using var identity = IdpIdentity.Resolve(Target(new IdpSpec { BaseUrl = "http://127.0.0.1:7001", App = "video" }), _folder, TimeProvider.System);

        var xml = identity.MetadataXml();

        Assert.That(xml, Does.Contain("entityID=\"http://127.0.0.1:7001/saml2/video\""));
        Assert.That(xml, Does.Contain("Location=\"http://127.0.0.1:7001/saml2/video/slo\""));
        Assert.That(xml, Does.Contain(Convert.ToBase64String(identity.Signing.Certificate.RawData)));
    }
}
