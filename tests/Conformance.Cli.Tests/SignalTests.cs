using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Conformance.Cli.Tests;

/// <summary>
/// The CLI as CI runs it — a process of its own — stopped by SIGTERM (a cancelled job, `timeout`): it exits with the
/// contract's code, keeps a report of what ran marked interrupted, and never hangs or leaves its SP behind.
/// </summary>
[NonParallelizable]
public sealed class SignalTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Run_WhenSigtermArrivesMidRun_ExitsThreeWithAReportMarkedInterrupted()
    {
        using var sandbox = new Sandbox(withCatalogue: true);
        using var cli = Start(sandbox, "run", "--exclude-tag", "browser");
        await cli.WaitForLineAsync("[5/", HangGuard);

        var exit = await cli.TerminateAsync(HangGuard);

        Assert.That(exit, Is.EqualTo(3), cli.Output);
        var folder = Directory.EnumerateDirectories(sandbox.Reports).Single(d => Path.GetFileName(d) != "latest");
        var results = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "results.json")))!;
        Assert.That(results["outcome"]!.GetValue<string>(), Is.EqualTo("interrupted"));
        Assert.That(results["scenarios"]!.AsArray(), Is.Not.Empty);
        Assert.That(Path.Exists(Path.Combine(sandbox.Reports, "latest")), Is.False, "an interrupted run is never latest");
        Assert.That(cli.Output, Does.Not.Contain("   at "));
    }

    [Test]
    public async Task Run_WhenSigtermArrivesWhileTheSpStarts_ExitsThreeInOneLineAndStopsTheSp()
    {
        using var sandbox = new Sandbox(withCatalogue: true);
        var target = Path.Combine(sandbox.Root, "mocks", "targets", "slow.yaml");
        // An SP that takes its time to come up: a process that never prints its address.
        await File.WriteAllTextAsync(target, "name: Slow SP\nstart: { command: sleep, args: [\"37.25\"], startTimeoutSeconds: 30 }\n");
        using var cli = Start(sandbox, "run", "--target", target);
        await cli.WaitForLineAsync("running ", HangGuard);

        var exit = await cli.TerminateAsync(HangGuard);

        Assert.That(exit, Is.EqualTo(3), cli.Output);
        Assert.That(cli.Output, Does.Contain("interrupted before any scenario ran").And.Not.Contain("   at "));
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", "sleep 37.25"]) { RedirectStandardOutput = true })!;
        await pgrep.WaitForExitAsync();
        Assert.That(await pgrep.StandardOutput.ReadToEndAsync(), Is.Empty, "the SP process the run started is gone");
    }

    private static CliProcess Start(Sandbox sandbox, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = sandbox.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Conformance.Cli.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["CI"] = "true";
        return new CliProcess(Process.Start(info)!);
    }

    private sealed class CliProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        public CliProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output
        {
            get { lock (_lines) { return string.Join('\n', _lines); } }
        }

        public async Task WaitForLineAsync(string fragment, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!Output.Contains(fragment, StringComparison.Ordinal))
            {
                if (clock.Elapsed > timeout || _process.HasExited)
                {
                    Assert.Fail($"no line with '{fragment}' (exited: {_process.HasExited}):\n{Output}");
                }
                await Task.Delay(50);
            }
        }

        /// <summary>Sends SIGTERM and waits for the exit; the exit code, or a failure if it hangs.</summary>
        public async Task<int> TerminateAsync(TimeSpan timeout)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            var clock = Stopwatch.StartNew();
            using var limit = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                Assert.Fail($"still running {timeout.TotalSeconds:0} s after SIGTERM:\n{Output}");
            }
            await TestContext.Out.WriteLineAsync($"exited {clock.Elapsed.TotalSeconds:0.00} s after SIGTERM");
            _process.WaitForExit();
            return _process.ExitCode;
        }

        private void Add(string? line)
        {
            if (line is not null)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
        }
    }
}
