using System.Diagnostics;
using Conformance.Testing;

namespace Conformance.Cli.Tests;

/// <summary>run.ps1 is proven, not assumed: it must answer every verb exactly as run.sh does.</summary>
public sealed class ScriptsTests
{
    [TestCase("help")]
    [TestCase("schema")]
    [TestCase("idp", "metadata", "--app", "no such app!")]
    [TestCase("idp", "metadata", "--target", "does-not-exist.yaml")]
    [TestCase("report", "merge")]
    [TestCase("certify", "verify", "does-not-exist.zip")]
    [TestCase("run", "--seed", "x")]
    [TestCase("list")]
    [TestCase("validate")]
    [TestCase("validate", "scenarios/sso")]
    [TestCase("validate", "scenarios/does-not-exist")]
    public async Task RunPs1_AnswersLikeRunSh(params string[] args)
    {
        var bash = await RunAsync("bash", ["run.sh", .. args]);
        var pwsh = await RunAsync("dotnet", ["tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File", "run.ps1", .. args]);

        Assert.That(pwsh.Code, Is.EqualTo(bash.Code), pwsh.Err);
        Assert.That(pwsh.Out, Is.EqualTo(bash.Out));
        Assert.That(bash.Out.Length + bash.Err.Length, Is.GreaterThan(0));
    }

    [Test]
    public async Task RunPs1_RunOfOneScenario_PassesAndReportsLikeRunSh()
    {
        var folder = Directory.CreateTempSubdirectory("conformance-scripts-").FullName;
        string[] run = ["run", "--scenarios", "sso.app.create", "--seed", "7", "--namespace", "ps1"];
        var bash = await RunAsync("bash", ["run.sh", .. run, "--out", Path.Combine(folder, "sh")]);
        var pwsh = await RunAsync("dotnet", ["tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File", "run.ps1", .. run, "--out", Path.Combine(folder, "ps1")]);
        Directory.Delete(folder, recursive: true);

        Assert.Multiple(() =>
        {
            Assert.That(bash.Code, Is.Zero, bash.Err);
            Assert.That(pwsh.Code, Is.EqualTo(bash.Code), pwsh.Err);
            Assert.That(pwsh.Out, Does.Contain("1 passed"), pwsh.Out);
        });
    }

    [TestCase("setup chromium|setup reference-sp npm packages|build harness/Conformance.Cli/Conformance.Cli.csproj|run run --tag sso", "run", "--tag", "sso")]
    [TestCase("setup reference-sp npm packages|build harness/Conformance.Cli/Conformance.Cli.csproj|run run --exclude-tag browser", "run", "--exclude-tag", "browser")]
    [TestCase("setup reference-sp npm packages|build harness/Conformance.Cli/Conformance.Cli.csproj|run run --exclude-tag=sso,browser", "run", "--exclude-tag=sso,browser")]
    [TestCase("build harness/Conformance.Cli/Conformance.Cli.csproj|run report merge shard-1 shard-2 --out merged", "report", "merge", "shard-1", "shard-2", "--out", "merged")]
    [TestCase("build harness/Conformance.Cli/Conformance.Cli.csproj|run certify verify certification.zip", "certify", "verify", "certification.zip")]
    [TestCase("setup chromium|setup reference-sp npm packages|build harness/Conformance.Cli/Conformance.Cli.csproj|run certify --target t.yaml", "certify", "--target", "t.yaml")]
    [TestCase("setup chromium|setup xmlsec1|setup apache2 libapache2-mod-auth-mellon|setup reference-sp npm packages|build ConformanceSuite.sln|test", "test")]
    [TestCase("setup chromium|setup reference-sp npm packages|build ConformanceSuite.sln|bench --quick", "bench", "--quick")]
    public async Task SetupPlan_OfAVerb_InstallsOnlyWhatItUsesInBothScripts(string plan, params string[] args)
    {
        var bash = await RunAsync("bash", ["run.sh", .. args], plan: true);
        var pwsh = await RunAsync("dotnet", ["tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File", "run.ps1", .. args], plan: true);
        var expected = string.Concat(plan.Split('|').Select(line => $"plan: {line}\n"));

        Assert.Multiple(() =>
        {
            Assert.That((bash.Code, bash.Out), Is.EqualTo((0, expected)), bash.Err);
            Assert.That((pwsh.Code, pwsh.Out), Is.EqualTo((0, expected)), pwsh.Err);
        });
    }

    [Test]
    public async Task RunSh_ValidateOfAMissingPath_ExitsTwo()
    {
        var result = await RunAsync("bash", ["run.sh", "validate", "scenarios/does-not-exist"]);

        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Err, Does.Contain("scenarios/does-not-exist:1:1: no such scenario file or folder"));
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string command, string[] args, bool plan = false)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["CONFORMANCE_NO_BUILD"] = "1";
        if (plan)
        {
            info.Environment["CONFORMANCE_SETUP_PLAN"] = "1";
        }
        info.Environment["CONFORMANCE_CONFIG"] = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
