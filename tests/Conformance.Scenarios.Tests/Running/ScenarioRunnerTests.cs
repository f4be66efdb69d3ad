using Conformance.Results;
using Conformance.Scenarios.Checks;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Targets;
using Microsoft.Extensions.Time.Testing;

namespace Conformance.Scenarios.Tests.Running;

public sealed class ScenarioRunnerTests
{
    private const string Baseline = """
        id: runner.baseline
        title: Runner baseline
        area: scim
        steps:
          - do: test.act
            with: { behaviour: ok }
            expect:
              - check: test.echo
                name: echo matches
                with: { value: "42" }
                expected: "42"
          - do: test.act
            with: { behaviour: ok }
        """;

    private static readonly StepLibrary Library = StepLibrary.Discover(typeof(ScenarioRunnerTests).Assembly);

    private static async Task<ScenarioResult> RunAsync(string yaml, TargetFile? target = null)
    {
        var problems = new List<Problem>();
        var scenario = new ScenarioLoader(Library, SeedGuide.Embedded).Parse("runner.yaml", yaml, problems).Single();
        Assert.That(problems, Is.Empty);
        var runner = new ScenarioRunner(Library, new RunOptions
        {
            Target = target ?? new TargetFile { Name = "test", Scim = new ScimSpec { BaseUrl = "http://127.0.0.1:9/scim", Token = "token-abcdef" } },
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)),
        });
        return await runner.RunScenarioAsync(scenario, CancellationToken.None);
    }

    [Test]
    public async Task Run_WhenEveryCheckMatches_Passes()
    {
        var result = await RunAsync(Baseline);

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Passed));
        Assert.That(result.Steps.Single(s => s.Checks.Count > 0).Checks.Single().Actual, Is.EqualTo("42"));
    }

    [Test]
    public async Task Run_WhenAFailureCheckMismatches_FailsWithExpectedAndActual()
    {
        var result = await RunAsync(Baseline.Replace("expected: \"42\"", "expected: \"43\"", StringComparison.Ordinal));

        var check = result.Steps[0].Checks.Single();
        Assert.That((result.Outcome, check.Outcome, check.Expected, check.Actual), Is.EqualTo((Outcome.Failed, Outcome.Failed, "43", "42")));
    }

    [Test]
    public async Task Run_WhenAWarningCheckMismatches_WarnsOnly()
    {
        var result = await RunAsync(Baseline.Replace("expected: \"42\"", "expected: \"43\"\n        severity: warning", StringComparison.Ordinal));

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Warning));
    }

    [Test]
    public async Task Run_WhenTheSpFaults_FailsTheStepSkipsTheRestButStillEvaluatesItsChecks()
    {
        var result = await RunAsync(Baseline.Replace("behaviour: ok }\n    expect", "behaviour: sp-fault }\n    expect", StringComparison.Ordinal));

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(result.Steps[0].Error, Is.EqualTo("the SP answered 503"));
        Assert.That(result.Steps[0].Checks.Single().Outcome, Is.EqualTo(Outcome.Passed));
        Assert.That(result.Steps[1].Outcome, Is.EqualTo(Outcome.Skipped));
    }

    [Test]
    public async Task Run_WhenTheHarnessCrashes_IsErroredNotFailed()
    {
        var result = await RunAsync(Baseline.Replace("behaviour: ok }\n    expect", "behaviour: crash }\n    expect", StringComparison.Ordinal));

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Errored));
        Assert.That(result.Steps[0].Error, Does.StartWith("harness error in 'test.act': InvalidOperationException"));
    }

    [Test]
    public async Task Run_WhenTheTargetLacksANeed_IsSkippedWithTheReason()
    {
        var result = await RunAsync(Baseline.Replace("area: scim", "area: scim\nneeds: [limits.recordings]", StringComparison.Ordinal));

        Assert.That((result.Outcome, result.Reason), Is.EqualTo((Outcome.Skipped, "target 'test' lacks limits.recordings")));
    }

    [Test]
    public async Task Run_WhenAStepNeedsACapabilityTheTargetLacks_IsSkippedNamingIt()
    {
        var result = await RunAsync(Baseline.Replace("behaviour: ok }\n    expect", "behaviour: needs-control }\n    expect", StringComparison.Ordinal));

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Skipped));
        Assert.That(result.Reason, Is.EqualTo("target lacks control.saml: the test asks for it"));
        Assert.That(result.Steps[0].Checks.Single().Outcome, Is.EqualTo(Outcome.Skipped));
    }

    [Test]
    public async Task Run_WhenOneCheckNeedsACapabilityTheTargetLacks_SkipsThatCheckAloneAndStillPasses()
    {
        var result = await RunAsync(Baseline.Replace("expected: \"42\"", "expected: \"42\"\n      - check: test.echo\n        name: profile wording\n        with: { value: x }\n        expected: y\n        needs: [profile.bluejeans]", StringComparison.Ordinal));

        var skipped = result.Steps[0].Checks.Single(c => c.Name == "profile wording");
        Assert.That((result.Outcome, skipped.Outcome), Is.EqualTo((Outcome.Passed, Outcome.Skipped)));
        Assert.That(skipped.Message, Is.EqualTo("not evaluated: target 'test' lacks profile.bluejeans"));
    }

    [Test]
    public async Task Run_WhenAnObservationIsInconclusive_IsInconclusiveNeverPassed()
    {
        var result = await RunAsync(Baseline.Replace("value: \"42\" }", "value: \"inconclusive\" }", StringComparison.Ordinal).Replace("expected: \"42\"", "expected: \"inconclusive\"", StringComparison.Ordinal));

        Assert.That((result.Outcome, result.Steps[0].Checks.Single().Outcome), Is.EqualTo((Outcome.Inconclusive, Outcome.Inconclusive)));
    }

    [Test]
    public async Task Run_OnTwoWorkers_LaunchesOneChromiumPerWorkerForAllItsFlowsAndClosesItWhenTheRunEnds()
    {
        var problems = new List<Problem>();
        var scenarios = Enumerable.Range(1, 4)
            .Select(i => new ScenarioLoader(Library, SeedGuide.Embedded).Parse($"browser{i}.yaml", $"id: runner.browser{i}\ntitle: Two flows\narea: sso\nsteps:\n  - do: test.two-browser-flows\n", problems).Single())
            .ToList();
        Assert.That(problems, Is.Empty);
        var options = new RunOptions { Target = new TargetFile { Name = "test" } };
        TestTwoBrowserFlows.Hosts.Clear();

        var run = await new ScenarioRunner(Library, options).RunAsync(scenarios, "run", [new ScenarioRunner(Library, options)], CancellationToken.None);

        var hosts = TestTwoBrowserFlows.Hosts.Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run.Scenarios.Select(s => s.Outcome), Is.All.EqualTo(Outcome.Passed));
            Assert.That(hosts, Has.Count.EqualTo(2));
            Assert.That(hosts.Select(h => h.Launches), Is.All.EqualTo(1));
            foreach (var host in hosts)
            {
                Assert.ThrowsAsync<ObjectDisposedException>(() => host.NewContextAsync());
            }
        });
    }

    [Test]
    public void Load_WithUnknownTemplate_IsAProblemNamingTheKnownValues()
    {
        var problems = new List<Problem>();

        new ScenarioLoader(Library, SeedGuide.Embedded).Parse("runner.yaml", Baseline.Replace("value: \"42\"", "value: \"${nothing}\"", StringComparison.Ordinal), problems);

        Assert.That(problems.Select(p => p.ToString()), Has.One.Contains("'${nothing}' names nothing a run sets").And.Contains("sp.relayState"));
    }

    [Test]
    public void CheckResult_ByDefault_IsFailed()
    {
        var check = new CheckResult { Name = "n", Condition = "c", Severity = Conformance.Results.Severity.Failure, Expected = "x", Location = new Conformance.Results.SourceLocation("f", 1, 1) };

        Assert.That(check.Outcome, Is.EqualTo(Outcome.Failed));
    }
}

public sealed record TestActInput
{
    public string Behaviour { get; init; } = "ok";
}

public sealed class TestAct : StepAction<TestActInput>
{
    public override string Name => "test.act";
    public override string Description => "Test-only: succeeds, faults like an SP, or crashes like a harness bug.";

    protected override Task ExecuteAsync(TestActInput input, ScenarioContext context, CancellationToken cancellationToken) => input.Behaviour switch
    {
        "sp-fault" => throw new SpFaultException("the SP answered 503"),
        "crash" => throw new InvalidOperationException("bug"),
        "needs-control" => throw new CapabilityMissingException("control.saml", "the test asks for it"),
        _ => Task.CompletedTask,
    };
}

/// <summary>Test-only: two browser flows, one after the other, noting the chromium host the worker lent them.</summary>
public sealed class TestTwoBrowserFlows : StepAction<TestActInput>
{
    public static System.Collections.Concurrent.ConcurrentBag<Conformance.Browser.BrowserHost> Hosts { get; } = [];

    public override string Name => "test.two-browser-flows";
    public override string Description => "Test-only: opens and closes two browser sessions.";

    protected override async Task ExecuteAsync(TestActInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        for (var flow = 0; flow < 2; flow++)
        {
            await using var session = await Conformance.Scenarios.Steps.Browser.BrowserRun.StartAsync(context, trace: false, spOrigin: null, sessionProbe: null);
        }
        Hosts.Add(context.Browser!);
    }
}

public sealed record TestEchoInput
{
    public string? Value { get; init; }
}

public sealed class TestEcho : Condition<TestEchoInput>
{
    public override string Name => "test.echo";
    public override string Description => "Test-only: observes its input.";

    protected override Task<Observation> ObserveAsync(TestEchoInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Observation(input.Value, Inconclusive: input.Value == "inconclusive"));
}
