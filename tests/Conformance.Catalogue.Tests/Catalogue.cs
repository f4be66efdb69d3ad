using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Results;
using Conformance.Scenarios.Harness;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Targets;

namespace Conformance.Catalogue.Tests;

/// <summary>The repository's scenario catalogue and one embedded BlueJeans stub shared by the tests of a run.</summary>
internal static class Catalogue
{
    public static string Root => Conformance.Testing.Repository.Root;

    public static StepLibrary Library { get; } = StepLibrary.Discover();

    public static IReadOnlyList<Scenario> Scenarios { get; } = Load();

    public static Scenario Get(string id) => Scenarios.Single(s => s.Id == id);

    /// <summary>
    /// Runs one scenario against the target's SP, started once per test run and reset by every
    /// scenario (as a CLI run does); <paramref name="afterReset"/> may make the SP misbehave first.
    /// </summary>
    public static async Task<ScenarioResult> RunAsync(Scenario scenario, Func<SpControl, CancellationToken, Task>? afterReset = null, string targetFile = "bluejeans-stub.yaml", bool keepData = false, RunNamespace? ns = null, IdpIdentity? idp = null, Conformance.Core.IdpRules? idpRules = null)
    {
        var (sp, redactor) = await Session(targetFile);
        IScenarioEnvironment environment = new HarnessEnvironment(idp ?? sp.Idp, idpRules);
        if (afterReset is not null)
        {
            environment = new Misbehaving(environment, afterReset);
        }
        var expectedFailures = ExpectedFailures.Load(Path.Combine(Root, "expected-failures.yaml"), sp.Target.Name);
        var runner = new ScenarioRunner(Library, new RunOptions { Target = sp.Target, Seed = 1, Namespace = ns ?? Mark("ct"), ExpectedFailures = expectedFailures, KeepData = keepData }, environment, redactor: redactor);
        return await runner.RunScenarioAsync(scenario, CancellationToken.None);
    }

    /// <summary>A run namespace; the catalogue runs with one, as the CLI does by default.</summary>
    public static RunNamespace Mark(string mark) => RunNamespace.TryParse(mark, out var ns) ? ns : throw new ArgumentException(mark, nameof(mark));

    /// <summary>The running SP of a target file (started on first use), e.g. to read where a started SP keeps its logs.</summary>
    public static async Task<SpSession> SpAsync(string targetFile) => (await Session(targetFile)).Session;

    private static readonly Dictionary<string, Task<(SpSession, Redactor)>> Sessions = new(StringComparer.Ordinal);

    private static Task<(SpSession Session, Redactor Redactor)> Session(string targetFile)
    {
        lock (Sessions)
        {
            if (!Sessions.TryGetValue(targetFile, out var started))
            {
                Sessions[targetFile] = started = StartAsync(targetFile);
            }
            return started;
        }
    }

    private static async Task<(SpSession, Redactor)> StartAsync(string targetFile)
    {
        var redactor = new Redactor();
        var target = TargetLoader.Load(Path.Combine(Root, "mocks", "targets", targetFile));
        return (await SpSession.StartAsync(target, Root, redactor, CancellationToken.None), redactor);
    }

    /// <summary>Stops every SP the tests started.</summary>
    public static async Task StopAllAsync()
    {
        List<Task<(SpSession, Redactor)>> started;
        lock (Sessions)
        {
            started = [.. Sessions.Values];
            Sessions.Clear();
        }
        foreach (var session in started.Where(t => t.IsCompletedSuccessfully))
        {
            await session.Result.Item1.DisposeAsync();
        }
    }

    /// <summary>Every step and check with expected and actual, for a failure message a person can act on.</summary>
    public static string Describe(ScenarioResult result) =>
        $"{result.Id}: {result.Outcome}{(result.Reason is null ? "" : " — " + result.Reason)}\n" + Conformance.Reporting.JUnitXml.Details(result);

    private static IReadOnlyList<Scenario> Load()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "scenarios"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var result = new ScenarioLoader(Library, SeedGuide.Embedded).Load(files);
        return result.Problems.Count > 0 ? throw new InputException(result.Problems) : result.Scenarios;
    }

    private sealed class Misbehaving(IScenarioEnvironment inner, Func<SpControl, CancellationToken, Task> afterReset) : IScenarioEnvironment
    {
        public async Task<IAsyncDisposable> PrepareAsync(ScenarioContext context, CancellationToken cancellationToken)
        {
            var prepared = await inner.PrepareAsync(context, cancellationToken);
            await afterReset(context.SpControl, cancellationToken);
            return prepared;
        }
    }
}
