using System.IO.Compression;

namespace Conformance.Cli.Tests;

public sealed class CertifyTests
{
    private const string Scenario = """
        id: cert.app
        title: An application can be created
        area: sso
        steps:
          - do: app.create
            with: { name: BlueJeans, ssoSuffix: bluejeans }
            expect:
              - check: app.exists
                name: The application exists
                with: { app: bluejeans }
                expected: true
        """;

    private static async Task<(Sandbox Sandbox, string Zip)> CertifyAsync(params string[] selection)
    {
        var sandbox = new Sandbox();
        sandbox.Scenario("sso/app.yaml", Scenario);
        sandbox.Scenario("sso/other.yaml", Scenario.Replace("cert.app", "cert.other", StringComparison.Ordinal));
        var (code, output, errors) = await sandbox.RunAsync(["certify", "--target", Path.Combine(sandbox.Root, "mocks", "targets", "bluejeans-stub.yaml"), .. selection]);
        Assert.That(code, Is.Zero, output + errors);
        return (sandbox, Path.Combine(sandbox.Latest, "certification.zip"));
    }

    [Test]
    public async Task Verify_OfAnUntouchedPackage_IsValid()
    {
        var (sandbox, zip) = await CertifyAsync();
        using (sandbox)
        {
            var (code, output, _) = await sandbox.RunAsync("certify", "verify", zip);

            Assert.That(code, Is.Zero);
            Assert.That(output, Does.StartWith("VALID:"));
            Assert.That(output, Does.Contain("COMPLETE plan: 2 of 2 scenarios evaluated"));
            Assert.That(output, Does.Contain("signer NOT verified"), "signer.pem inside the package cannot vouch for itself");
        }
    }

    [Test]
    public async Task Verify_OfASelection_SaysPartialAndNamesIt()
    {
        var (sandbox, zip) = await CertifyAsync("--scenarios", "cert.app");
        using (sandbox)
        {
            var (code, output, _) = await sandbox.RunAsync("certify", "verify", zip);

            Assert.That(code, Is.Zero);
            Assert.That(output, Does.Contain("PARTIAL plan: 1 of 1 scenarios evaluated").And.Contain("selection --scenarios cert.app"));
        }
    }

    [TestCase("report/results.json")]
    [TestCase("report/index.html")]
    [TestCase("report/junit.xml")]
    [TestCase("manifest.json")]
    public async Task Verify_AfterOneByteChangedInAFile_FailsNamingTheFile(string entry)
    {
        var (sandbox, zip) = await CertifyAsync();
        using (sandbox)
        {
            FlipOneByte(zip, entry);

            var (code, _, errors) = await sandbox.RunAsync("certify", "verify", zip);

            Assert.That(code, Is.EqualTo(1));
            Assert.That(errors, Does.Contain(entry + ":"));
        }
    }

    [Test]
    public async Task Verify_WithTrustedCertificateOfAnotherSigner_Fails()
    {
        var (sandbox, zip) = await CertifyAsync();
        using (sandbox)
        {
            using var other = Conformance.Reporting.Certification.EphemeralSigner(DateTimeOffset.UtcNow);
            var trusted = Path.Combine(sandbox.Root, "trusted.pem");
            await File.WriteAllTextAsync(trusted, other.ExportCertificatePem());

            var (code, _, errors) = await sandbox.RunAsync("certify", "verify", zip, "--trust", trusted);

            Assert.That(code, Is.EqualTo(1));
            Assert.That(errors, Does.Contain("not by the trusted certificate"));
        }
    }

    [Test]
    public async Task Manifest_NamesHarnessCatalogueSeedAndTarget()
    {
        var (sandbox, zip) = await CertifyAsync();
        using (sandbox)
        {
            using var archive = ZipFile.OpenRead(zip);
            using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
            var manifest = System.Text.Json.Nodes.JsonNode.Parse(await reader.ReadToEndAsync())!;

            Assert.That(manifest["catalogueSha256"]!.GetValue<string>(), Has.Length.EqualTo(64));
            Assert.That(manifest["seed"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(manifest["target"]!.GetValue<string>(), Is.EqualTo("BlueJeans (embedded stub)"));
            Assert.That(manifest["harness"]!["version"], Is.Not.Null);
            Assert.That(manifest["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()), Does.Contain("report/results.json"));
        }
    }

    private static void FlipOneByte(string zipPath, string entryName)
    {
        using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        var entry = archive.GetEntry(entryName)!;
        byte[] bytes;
        using (var stream = entry.Open())
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        bytes[bytes.Length / 2] ^= 0x01;
        entry.Delete();
        using var replaced = archive.CreateEntry(entryName).Open();
        replaced.Write(bytes);
    }
}
