using System.Diagnostics;

namespace Conformance.Cli.Tests;

/// <summary>run.ps1 is proven, not assumed: it must answer list and validate exactly as run.sh does.</summary>
public sealed class ScriptsTests
{
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
    public async Task RunSh_ValidateOfAMissingPath_ExitsTwo()
    {
        var result = await RunAsync("bash", ["run.sh", "validate", "scenarios/does-not-exist"]);

        Assert.That(result.Code, Is.EqualTo(2));
        Assert.That(result.Err, Does.Contain("scenarios/does-not-exist:1:1: no such scenario file or folder"));
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string command, string[] args)
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
        info.Environment["CONFORMANCE_CONFIG"] = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
