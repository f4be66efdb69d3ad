using System.Text.Json.Nodes;
using Conformance.Reporting;
using Conformance.Results;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Targets;

namespace Conformance.Cli.Tests;

public sealed class RunSafetyTests
{
    private const string CanaryToken = "canary-token-7c1d2e3f4a5b6c";
    private const string CanaryPassword = "Canary-Pw-9f8e7d6c5b";

    [Test]
    public async Task EveryFileOfARunFolder_HoldsNoSecret()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("scim/canary.yaml", $$"""
            id: safety.canary
            title: Secrets cross the wire but never reach the report
            area: scim
            data:
              users:
                - { username: canary.user, password: "{{CanaryPassword}}" }
              groups:
                - { name: Video Users, members: ["*"] }
            steps:
              - do: app.create
                with: { name: BlueJeans, ssoSuffix: bluejeans }
              - do: idm.configure
                name: A wrong token goes out in an Authorization header
                with: { app: bluejeans, token: "{{CanaryToken}}" }
              - do: idm.activate
                with: { app: bluejeans }
              - do: idm.configure
                with: { app: bluejeans }
              - do: idm.activate
                with: { app: bluejeans }
              - do: app.bind-group
                name: The password goes out with password sync
                with: { app: bluejeans, group: Video Users }
                expect:
                  - check: scim.requests
                    name: A create was sent
                    with: { method: POST, path: /Users }
                    atLeast: 1
              - do: sso.configure
                with: { app: bluejeans }
              - do: sp.configure-saml
                with: { app: bluejeans }
              - do: sso.idp-login
                name: The password is typed into the IdP login form
                with: { app: bluejeans, user: canary.user }
            """);

        var (code, output, errors) = await sandbox.RunAsync("run");

        Assert.That(code, Is.Zero, output + errors);
        var folder = Path.GetFullPath(Path.Combine(sandbox.Reports, new FileInfo(sandbox.Latest).LinkTarget!));
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList();
        Assert.That(files, Has.Count.GreaterThan(5));
        var leaks = files.Where(f => File.ReadAllText(f) is var text
            && (text.Contains(CanaryToken, StringComparison.Ordinal) || text.Contains(CanaryPassword, StringComparison.Ordinal)
                || text.Contains("PRIVATE KEY-----\n", StringComparison.Ordinal))).ToList();
        Assert.That(leaks, Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(folder, "har", "safety.canary.har")), Does.Contain("[REDACTED]"));
    }

    private static Scenario Make(StepLibrary library, string id, int steps = 1) => new Conformance.Scenarios.Loading.ScenarioLoader(library, Conformance.Scenarios.Loading.SeedGuide.Embedded).Parse(id, $$"""
        id: {{id}}
        title: t
        area: sso
        steps:
        {{string.Concat(Enumerable.Range(0, steps).Select(i => $"  - do: app.create\n    with: {{ name: App{i}, ssoSuffix: app{i} }}\n"))}}
        """);

    [Test]
    public async Task InterruptedRun_BetweenScenarios_WritesAReportOfWhatRanMarkedInterruptedEverywhere()
    {
        var library = StepLibrary.Discover();
        using var stop = new CancellationTokenSource();
        var runner = new ScenarioRunner(library, new RunOptions { Target = new TargetFile { Name = "t" } }, observer: new StopAfter(stop, afterStep: false));
        var run = await runner.RunAsync([Make(library, "a.first"), Make(library, "b.second"), Make(library, "c.third")], "interrupted", stop.Token);
        var reports = Directory.CreateTempSubdirectory("interrupted-").FullName;
        try
        {
            var folder = RunFolder.Write(run, reports);

            var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
            Assert.That(results["interrupted"]!.GetValue<bool>(), Is.True);
            Assert.That(results["outcome"]!.GetValue<string>(), Is.EqualTo("interrupted"));
            Assert.That(results["exitCode"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(results["scenarios"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "a.first" }));
            Assert.That(File.ReadAllText(Path.Combine(folder, "summary.md")), Does.Contain("INTERRUPTED"));
            Assert.That(File.ReadAllText(Path.Combine(folder, "junit.xml")), Does.Contain("errors=\"1\"").And.Contain("type=\"interrupted\""));
            Assert.That(Path.Exists(Path.Combine(reports, "latest")), Is.False, "latest only ever names a complete run");
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    }

    [Test]
    public async Task InterruptedRun_DuringAScenario_ReportsThatScenarioAsItStood()
    {
        var library = StepLibrary.Discover();
        using var stop = new CancellationTokenSource();
        var runner = new ScenarioRunner(library, new RunOptions { Target = new TargetFile { Name = "t" } }, observer: new StopAfter(stop, afterStep: true));

        var run = await runner.RunAsync([Make(library, "a.first", steps: 3), Make(library, "b.second")], "interrupted", stop.Token);

        Assert.That(run.Interrupted, Is.True);
        var only = run.Scenarios.Single();
        Assert.That((only.Id, only.Outcome, only.Steps.Count), Is.EqualTo(("a.first", Outcome.Errored, 1)));
        Assert.That(only.Reason, Does.StartWith("interrupted (Ctrl+C or SIGTERM) after 1 of 3 steps"));
    }

    private sealed class StopAfter(CancellationTokenSource stop, bool afterStep) : IRunObserver
    {
        public void ScenarioStarted(Scenario scenario)
        {
        }

        public void StepFinished(Scenario scenario, StepResult result)
        {
            if (afterStep)
            {
                stop.Cancel();
            }
        }

        public void ScenarioFinished(ScenarioResult result)
        {
            if (!afterStep)
            {
                stop.Cancel();
            }
        }
    }
}

internal static class LoaderExtensions
{
    public static Scenario Parse(this Conformance.Scenarios.Loading.ScenarioLoader loader, string file, string yaml)
    {
        var problems = new List<Conformance.Scenarios.Loading.Problem>();
        var scenario = loader.Parse(file, yaml, problems).Single();
        Assert.That(problems, Is.Empty);
        return scenario;
    }
}
