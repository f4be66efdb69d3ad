using System.Diagnostics;

namespace Conformance.Catalogue.Tests;

/// <summary>The reference SP's own tests (node's test runner), so that CI counts them with everything else.</summary>
public sealed class ReferenceSpOwnTests
{
    [Test]
    public async Task NpmTest_OfTheReferenceSp_Passes()
    {
        var folder = Path.Combine(Catalogue.Root, "mocks", "reference-sp");
        Assert.That(Directory.Exists(Path.Combine(folder, "node_modules")), Is.True, "run 'npm ci' in mocks/reference-sp (./run.sh test does)");
        var info = new ProcessStartInfo("npm") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("test");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        var text = await output + await errors;
        Assert.That(process.ExitCode, Is.Zero, text);
        Assert.That(text, Does.Match(@"# pass [1-9]\d*").And.Contain("# fail 0"));
    }
}
