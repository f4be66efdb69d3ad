using System.Globalization;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Scenarios;
using Conformance.Scenarios.Harness;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Results;
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

    private static readonly Dictionary<string, bool> RunFlags = new(StringComparer.Ordinal)
    {
        ["scenarios"] = true, ["tag"] = true, ["target"] = true, ["seed"] = true, ["out"] = true, ["shard"] = true, ["expected-failures"] = true, ["exclude-tag"] = true, ["keep-data"] = false,
        ["namespace"] = true, ["workers"] = true,
    };

    private static readonly Dictionary<string, bool> ListOptions = new(StringComparer.Ordinal) { ["scenarios"] = true, ["tag"] = true, ["exclude-tag"] = true };
    private static readonly Dictionary<string, bool> NoOptions = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, bool> CertifyOptions = new(RunFlags, StringComparer.Ordinal) { ["cert"] = true, ["key"] = true, ["trust"] = true };
    private static readonly Dictionary<string, bool> ReportOptions = new(StringComparer.Ordinal) { ["out"] = true };
    private static readonly Dictionary<string, bool> ServeOptions = new(StringComparer.Ordinal) { ["port"] = true, ["sp"] = true };
    private static readonly Dictionary<string, bool> IdpOptions = new(StringComparer.Ordinal) { ["target"] = true, ["app"] = true };
    private static readonly Dictionary<string, bool> SchemaOptions = new(StringComparer.Ordinal) { ["write"] = false };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var verb = args.Length == 0 ? "default" : args[0];
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            // `run --help`, `certify --help`: what every verb takes, as a person expects, not "unknown option".
            return Help(stdout);
        }
        try
        {
            return verb switch
            {
                "default" => await RunScenariosAsync(Arguments.Parse(args, RunFlags), stdout, cancellationToken).ConfigureAwait(false),
                "run" => await RunScenariosAsync(Arguments.Parse(args, RunFlags), stdout, cancellationToken).ConfigureAwait(false),
                "list" => List(Arguments.Parse(args, ListOptions), stdout),
                "validate" => Validate(Arguments.Parse(args, NoOptions), stdout),
                "schema" => Schema(Arguments.Parse(args, SchemaOptions), stdout),
                "certify" => await Certify.RunAsync(Arguments.Parse(args, CertifyOptions), stdout, stderr, cancellationToken).ConfigureAwait(false),
                "report" => ReportMerge.Run(Arguments.Parse(args, ReportOptions), stdout),
                "idp" => await IdpMetadataAsync(Arguments.Parse(args, IdpOptions), stdout, stderr).ConfigureAwait(false),
                "serve" => await Serve.RunAsync(Arguments.Parse(args, ServeOptions), stdout, cancellationToken).ConfigureAwait(false),
                "help" or "--help" or "-h" => Help(stdout),
                "--version" => Version(stdout),
                _ => throw Arguments.Bad(verb, $"unknown command '{verb}'; commands: run, list, validate, idp, serve, report, certify, bench, test (see ./run.sh help)"),
            };
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

    private static async Task<int> RunScenariosAsync(Arguments args, TextWriter stdout, CancellationToken cancellationToken) =>
        (await ExecuteRunAsync(args, stdout, cancellationToken).ConfigureAwait(false)).Run.ExitCode;

    /// <summary>Loads, runs and reports; shared by run, the default verb and certify.</summary>
    internal static async Task<(RunResult Run, string Folder)> ExecuteRunAsync(Arguments args, TextWriter stdout, CancellationToken cancellationToken)
    {
        NoPositional(args, "run");
        var root = Catalogue.RepositoryRoot();
        var library = Library();
        var targetPath = args.Option("target") ?? Catalogue.DefaultTarget(root);
        var target = TargetLoader.Load(targetPath);
        var catalogue = Catalogue.Load(library, Catalogue.Files(root, []));
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

    private static void NoPositional(Arguments args, string verb)
    {
        if (args.Positional.Count > 0)
        {
            throw Arguments.Bad(verb, $"'{verb}' takes no file or word '{args.Positional[0]}'; to pick scenarios use --scenarios GLOB (an id or a path: --scenarios 'scenarios/scim/lifecycle.yaml') or --tag");
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

    private static int List(Arguments args, TextWriter stdout)
    {
        NoPositional(args, "list");
        var root = Catalogue.RepositoryRoot();
        var scenarios = Catalogue.Select(Catalogue.Load(Library(), Catalogue.Files(root, [])), ListOption(args, "scenarios"), ListOption(args, "tag"), shard: null, ListOption(args, "exclude-tag"));
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
    private static async Task<int> IdpMetadataAsync(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional is not ["metadata"])
        {
            throw Arguments.Bad("idp", "expected 'idp metadata --target FILE [--app SUFFIX]'");
        }
        var root = Catalogue.RepositoryRoot();
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

    private static int Validate(Arguments args, TextWriter stdout)
    {
        var root = Catalogue.RepositoryRoot();
        var files = Catalogue.Files(root, args.Positional);
        var scenarios = Catalogue.Load(Library(), files);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenarios.Count} scenarios in {files.Count} files are valid"));
        return Passed;
    }

    private static int Schema(Arguments args, TextWriter stdout)
    {
        var schema = SchemaGenerator.Render(Library());
        if (args.Flag("write"))
        {
            var root = Catalogue.RepositoryRoot();
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

    private static int Version(TextWriter stdout)
    {
        stdout.WriteLine($"conformance {HarnessInfo.Version}{(HarnessInfo.Commit is null ? "" : $" ({HarnessInfo.Commit})")}");
        return Passed;
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine("""
            usage: ./run.sh [VERB] [OPTIONS]
              (no verb)                 run the default catalogue against the embedded BlueJeans stub
              run [--scenarios GLOB] [--tag T] [--exclude-tag T] [--target FILE] [--seed N] [--out DIR] [--shard i/n]
                  [--expected-failures FILE] [--keep-data] [--namespace MARK|none] [--workers N]
              list [--scenarios GLOB] [--tag T] [--exclude-tag T]
              validate [PATHS]          check scenario files; one line per problem (file:line:column)
              idp metadata [--target FILE] [--app SUFFIX]
                                        the IdP metadata to load into the SP once (stable address and key)
              serve idp [--port N] [--sp URL] | serve sp [--port N]
                                        the mock IdP (login, user console, Admin Portal, admin and DI APIs) or the BlueJeans stub until Ctrl+C
              report merge DIR... --out DIR
              certify --target FILE [--cert PEM --key PEM] | certify verify FILE.zip [--trust PEM]
              bench [--quick]
              schema [--write]          print the scenario JSON Schema, or regenerate scenarios/ and mocks/targets/ schema.json
              test                      restore, build and run every test
            exit codes: 0 passed · 1 conformance failure · 2 bad input · 3 harness error · 4 not proven (nothing evaluated, or inconclusive)
            """);
        return Passed;
    }

    internal static StepLibrary Library() => StepLibrary.Discover();

    /// <summary>A list option, repeated (<c>--tag a --tag b</c>) or comma-separated (<c>--tag a,b</c>).</summary>
    private static List<string> ListOption(Arguments args, string option) => [.. args.Options(option).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
