using System.Globalization;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Results;
using Conformance.Scenarios.Harness;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Targets;

namespace Conformance.Cli;

/// <summary>The verbs of the design's contract. Exit codes: 0 passed, 1 conformance failure, 2 bad input, 3 harness error.</summary>
internal static class CommandLine
{
    public const int Passed = 0;
    public const int BadInput = 2;
    public const int HarnessError = 3;

    /// <summary>Runs one command line against the repository at <paramref name="root"/> (its scenarios, targets and reports).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string root, CancellationToken cancellationToken)
    {
        var parse = Commands.Build(stdout, stderr, root).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            var problems = Commands.Problems(parse).ToList();
            foreach (var problem in problems)
            {
                await stderr.WriteLineAsync(problem).ConfigureAwait(false);
            }
            var help = parse.CommandResult.Command is System.CommandLine.RootCommand ? "./run.sh --help" : $"./run.sh {Commands.Verb(parse)} --help";
            await stderr.WriteLineAsync($"{(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems")}; nothing was run (exit code 2); see {help}").ConfigureAwait(false);
            return BadInput;
        }
        try
        {
            // Ctrl+C and SIGTERM are Program's: the first stops the run and still writes its report.
            var invocation = new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (InputException bad)
        {
            foreach (var problem in bad.Problems.Count > 0 ? bad.Problems.Select(p => p.ToString()) : [bad.Message])
            {
                await stderr.WriteLineAsync(problem).ConfigureAwait(false);
            }
            await stderr.WriteLineAsync($"{bad.Problems.Count switch { 0 or 1 => "1 problem", var n => $"{n} problems" }}; nothing was run (exit code 2)").ConfigureAwait(false);
            return BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM while the SP was still starting: nothing ran, so there is no report to keep.
            await stderr.WriteLineAsync("interrupted before any scenario ran; no report was written (exit code 3)").ConfigureAwait(false);
            return HarnessError;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stderr.WriteLineAsync($"harness error (exit code 3): {ex}").ConfigureAwait(false);
            return HarnessError;
        }
    }

    internal static async Task<int> RunScenariosAsync(Arguments args, TextWriter stdout, CancellationToken cancellationToken) =>
        (await ExecuteRunAsync(args, stdout, cancellationToken).ConfigureAwait(false)).Run.ExitCode;

    /// <summary>Loads, runs and reports; shared by run, the default verb and certify.</summary>
    internal static async Task<(RunResult Run, string Folder)> ExecuteRunAsync(Arguments args, TextWriter stdout, CancellationToken cancellationToken)
    {
        var root = args.Root;
        var library = Library();
        var targetPath = args.Option("target") ?? Catalogue.DefaultTarget(root);
        var target = TargetLoader.Load(targetPath);
        var catalogue = Catalogue.Load(library, Catalogue.Files(root, []), root);
        var scenarios = Catalogue.Select(
            catalogue,
            ListOption(args, "scenarios"),
            ListOption(args, "tag"),
            args.Option("shard"),
            ListOption(args, "exclude-tag"));
        var seed = args.IntOption("seed") ?? 1;
        var ns = Namespace(args);
        var expected = ExpectedFailuresFor(args, root, target.Name, catalogue);
        var reportsRoot = args.Option("out") ?? Path.Combine(root, "reports");
        var time = TimeProvider.System;
        var runId = Reporting.RunFolder.NewRunId(time.GetUtcNow(), seed, args.Option("shard"), reportsRoot);
        var progress = Progress.For(stdout);
        await progress.StartAsync(target.Name, scenarios.Count, seed, ns).ConfigureAwait(false);
        var workers = Workers(args, target, scenarios.Count);
        var redactor = new Redactor();
        await using var sps = new SpSessions();
        // One after another: the first start of a target generates the IdP key the others then read.
        for (var i = 0; i < workers; i++)
        {
            sps.Add(await SpSession.StartAsync(target, root, redactor, cancellationToken).ConfigureAwait(false));
        }
        var sp = sps[0];
        await TargetReachability.CheckAsync(sp.Target, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        Writable(reportsRoot);
        var options = new RunOptions
        {
            Target = sp.Target,
            Seed = seed,
            Namespace = ns,
            Time = time,
            RunFolder = Reporting.RunFolder.InProgress(reportsRoot, runId),
            Shard = args.Option("shard"),
            ExpectedFailures = expected,
            KeepData = args.Flag("keep-data"),
        };
        ScenarioRunner Runner(SpSession session) => new(library, options with { Target = session.Target }, new HarnessEnvironment(session.Idp), progress, redactor);
        var run = await Runner(sp).RunAsync(scenarios, runId, [.. sps.Skip(1).Select(Runner)], cancellationToken).ConfigureAwait(false);
        var folder = Reporting.RunFolder.Write(run, reportsRoot);
        await progress.FinishAsync(run, folder).ConfigureAwait(false);
        return (run, folder);
    }

    /// <summary>
    /// How many scenarios run at once (--workers): each worker gets an SP and an IdP of its own, so only an SP the harness
    /// starts (embedded or start:) with an IdP on a free port can have more than one, and there the default is one per
    /// core; a vendor's SP runs one scenario at a time unless the run says otherwise, and then it is refused.
    /// </summary>
    private static int Workers(Arguments args, TargetFile target, int scenarios)
    {
        var parallel = (target.Embedded is not null || target.Start is not null) && target.Idp?.BaseUrl is null;
        var workers = args.IntOption("workers") ?? (parallel ? Math.Min(Environment.ProcessorCount, MaxWorkers) : 1);
        if (workers is < 1 or > MaxWorkers)
        {
            throw Arguments.Bad("--workers", $"option '--workers' expects a whole number from 1 to {MaxWorkers}, got '{workers}'");
        }
        if (workers > 1 && target.Embedded is null && target.Start is null)
        {
            throw Arguments.Bad("--workers", $"'{target.Name}' is an SP the harness does not start: its scenarios run one at a time (--workers 1)");
        }
        if (workers > 1 && target.Idp?.BaseUrl is not null)
        {
            throw Arguments.Bad("--workers", $"'{target.Name}' fixes the IdP's address (idp.baseUrl), which one IdP at a time can hold: --workers 1");
        }
        return Math.Max(1, Math.Min(workers, scenarios));
    }

    private const int MaxWorkers = 16;

    /// <summary>The SPs of a run's workers, stopped together.</summary>
    private sealed class SpSessions : List<SpSession>, IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var session in this)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The expected failures that apply to the target: the repository's file unless --expected-failures names another,
    /// which then must exist; an id that is no scenario's is a typo that would hide nothing and is refused.
    /// </summary>
    private static ExpectedFailures ExpectedFailuresFor(Arguments args, string root, string targetName, IReadOnlyList<Scenario> catalogue)
    {
        var given = args.Option("expected-failures");
        var path = given ?? Path.Combine(root, "expected-failures.yaml");
        if (!File.Exists(path))
        {
            return given is null ? ExpectedFailures.None : throw Arguments.Bad("--expected-failures", $"option '--expected-failures' names '{given}', which is not a file");
        }
        var expected = ExpectedFailures.Load(path, targetName);
        var unknown = expected.Reasons.Keys.Where(id => catalogue.All(s => s.Id != id)).ToList();
        return unknown.Count == 0 ? expected
            : throw Arguments.Bad(path, $"expected failures name scenarios that do not exist: {string.Join(", ", unknown)}");
    }

    /// <summary>The reports folder, proven writable before anything runs: a run is never lost for want of a place to write it.</summary>
    private static void Writable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw Arguments.Bad("--out", $"the reports folder '{folder}' cannot be written ({ex.Message}); nothing was run");
        }
    }

    /// <summary>
    /// A fresh mark per run unless given: two runs on one tenant, even at once, never share objects. The seed alone
    /// decides the users' data; <c>--seed N --namespace M</c> reproduces a run's names too.
    /// </summary>
    private static RunNamespace Namespace(Arguments args) => args.Option("namespace") switch
    {
        null => RunNamespace.NewRandom(),
        var text when RunNamespace.TryParse(text, out var ns) => ns,
        var text => throw Arguments.Bad("--namespace", $"option '--namespace' expects 1 to 8 lower-case letters and digits starting with a letter, or 'none', got '{text}'"),
    };

    internal static int List(Arguments args, TextWriter stdout)
    {
        var root = args.Root;
        var scenarios = Catalogue.Select(Catalogue.Load(Library(), Catalogue.Files(root, []), root), ListOption(args, "scenarios"), ListOption(args, "tag"), shard: null, ListOption(args, "exclude-tag"));
        foreach (var s in scenarios)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Id}\t{s.Area.ToString().ToLowerInvariant()}\t{string.Join(',', s.Tags)}\t{s.Title}"));
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenarios.Count} scenarios"));
        return Passed;
    }

    /// <summary>
    /// <c>idp metadata --target FILE [--app SUFFIX]</c>: the metadata a vendor loads into the SP once; every run
    /// against the target then stands up this IdP (same address, same key).
    /// </summary>
    internal static async Task<int> IdpMetadataAsync(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var root = args.Root;
        var target = TargetLoader.Load(args.Option("target") ?? Catalogue.DefaultTarget(root));
        if (args.Option("app") is { } app)
        {
            if (!Conformance.Core.Applications.ApplicationCatalog.IsValidSuffix(app))
            {
                throw Arguments.Bad("idp", $"--app '{app}' is not an IdP URL suffix: letters, digits, '-', '_' and '.' only");
            }
            target = target with { Idp = (target.Idp ?? new IdpSpec()) with { App = app } };
        }
        using var identity = IdpIdentity.Resolve(target, root, TimeProvider.System);
        await stdout.WriteLineAsync(identity.MetadataXml()).ConfigureAwait(false);
        if (target.Idp?.BaseUrl is null)
        {
            await stderr.WriteLineAsync($"note: '{target.Name}' sets no idp.baseUrl, so the IdP takes a free port each run and this address is only an example; set idp.baseUrl to configure an SP once").ConfigureAwait(false);
        }
        if (identity.KeptIn is { } folder)
        {
            await stderr.WriteLineAsync($"signing key generated once and kept in {Path.GetRelativePath(root, folder)} (git-ignored); delete it to start a new IdP identity").ConfigureAwait(false);
        }
        return Passed;
    }

    internal static int Validate(Arguments args, TextWriter stdout)
    {
        var root = args.Root;
        var files = Catalogue.Files(root, args.Positional);
        var scenarios = Catalogue.Load(Library(), files, root);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenarios.Count} scenarios in {files.Count} files are valid"));
        return Passed;
    }

    internal static int Schema(Arguments args, TextWriter stdout)
    {
        var schema = SchemaGenerator.Render(Library());
        if (args.Flag("write"))
        {
            var root = args.Root;
            File.WriteAllText(Path.Combine(root, "scenarios", "schema.json"), schema);
            File.WriteAllText(Path.Combine(root, "mocks", "targets", "schema.json"), SchemaGenerator.RenderTarget());
            stdout.WriteLine("wrote scenarios/schema.json and mocks/targets/schema.json");
        }
        else
        {
            stdout.Write(schema);
        }
        return Passed;
    }

    internal static StepLibrary Library() => StepLibrary.Discover();

    /// <summary>A list option, repeated (<c>--tag a --tag b</c>) or comma-separated (<c>--tag a,b</c>).</summary>
    private static List<string> ListOption(Arguments args, string option) => [.. args.Options(option).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
