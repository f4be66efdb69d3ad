using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Testing;
using Json.Schema;

namespace Conformance.Cli.Tests;

public sealed partial class CommandLineTests
{
    private const string Passing = """
        id: cli.passing
        title: An application can be created
        area: sso
        tags: [cli]
        data:
          count: 2
        steps:
          - do: app.create
            with: { name: BlueJeans, ssoSuffix: bluejeans }
            expect:
              - check: app.exists
                name: The application exists
                with: { app: bluejeans }
                expected: true
        """;

    private static readonly Lazy<JsonSchema> ResultsSchema = new(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "results.schema.json")));

    [Test]
    public async Task Run_WhenEveryScenarioPasses_ExitsZeroAndWritesTheRunFolder()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);

        var (code, output, _) = await sandbox.RunAsync("run");

        Assert.That(code, Is.Zero, output);
        foreach (var file in new[] { "index.html", "results.json", "junit.xml", "summary.md", "insights.ndjson", "har/cli.passing.har" })
        {
            Assert.That(File.Exists(Path.Combine(sandbox.Latest, file)), Is.True, file);
        }
    }

    [Test]
    public async Task Run_WhenAScenarioFails_ExitsOneAndTheReportSaysWhy()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);
        sandbox.Scenario("sso/failing.yaml", Passing.Replace("cli.passing", "cli.failing", StringComparison.Ordinal).Replace("expected: true", "expected: false", StringComparison.Ordinal));

        var (code, output, _) = await sandbox.RunAsync("run");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("cli.failing: The application exists: expected false, actual true"), "the terminal recaps why, at the end");
        Assert.That(output, Does.Contain("FAILED: 2 scenarios: 1 passed, 1 failed,"), "the counts add up to the scenarios run");
        var summary = await File.ReadAllTextAsync(Path.Combine(sandbox.Latest, "summary.md"));
        Assert.That(summary, Does.Contain("The application exists: expected `false`, actual `true`"));
    }

    [Test]
    public async Task Run_WhenAScenarioFailsSeveralChecks_RecapsEachWithWhereItIsWritten()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/failing.yaml", Passing.Replace("cli.passing", "cli.failing", StringComparison.Ordinal).Replace("expected: true", "expected: false", StringComparison.Ordinal) + """

              - do: app.delete
                with: { app: bluejeans }
                expect:
                  - check: app.exists
                    name: The deleted application is still there
                    with: { app: bluejeans }
                    expected: true
            """);

        var (code, output, _) = await sandbox.RunAsync("run");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("also The deleted application is still there: expected true, actual false (").And.Contain("failing.yaml:"));
    }

    [Test]
    public async Task Run_WhenEveryScenarioIsSkipped_SaysNothingEvaluatedAndExitsFour()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing.Replace("tags: [cli]", "tags: [cli]\nneeds: [saml.slo]", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(sandbox.Root, "mocks", "targets", "bare.yaml"), "name: Bare SP\n");

        var (code, output, _) = await sandbox.RunAsync("run", "--target", Path.Combine(sandbox.Root, "mocks", "targets", "bare.yaml"));

        Assert.That(code, Is.EqualTo(4), output);
        Assert.That(output, Does.Contain("NOTHING EVALUATED: 1 scenario: 0 passed"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(sandbox.Latest, "summary.md")), Does.Contain("NOTHING EVALUATED"));
    }

    [TestCase("--tag", "scmi")]
    [TestCase("--scenarios", "nomatch*")]
    public async Task Run_WhenTheSelectionMatchesNothing_ExitsTwoNamingTheTags(string option, string value)
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);

        var (code, _, err) = await sandbox.RunAsync("run", option, value);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain($"no scenario matches {option} ").And.Contain("tags are cli"));
        Assert.That(Directory.Exists(sandbox.Reports), Is.False, "nothing ran, no report");
    }

    [Test]
    public async Task Run_StoppedBeforeTheSpIsUp_ExitsThreeWithoutAStackTrace()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["run"], stdout, stderr, sandbox.Root, stopped.Token);

        Assert.That(code, Is.EqualTo(3));
        Assert.That(stderr.ToString(), Does.StartWith("interrupted before any scenario ran").And.Not.Contain("   at "));
    }

    [Test]
    public async Task Run_AgainstATargetNobodyListensAt_ExitsTwoNamingTheField()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);
        var target = Path.Combine(sandbox.Root, "mocks", "targets", "gone.yaml");
        File.WriteAllText(target, "name: Gone SP\nscim: { baseUrl: \"http://127.0.0.1:9/scim/v2\", token: \"token-0123456789abcdef\" }\n");

        var (code, _, err) = await sandbox.RunAsync("run", "--target", target);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("scim.baseUrl http://127.0.0.1:9 cannot be reached"));
        Assert.That(Directory.Exists(sandbox.Reports), Is.False, "nothing ran");
    }

    [TestCase("run", "--keep-data")]
    [TestCase("certify", "--cert")]
    [TestCase("certify verify", "--trust")]
    [TestCase("list", "--exclude-tag")]
    [TestCase("validate", "PATHS")]
    [TestCase("idp metadata", "--app")]
    [TestCase("serve idp", "--sp")]
    [TestCase("serve sp", "--port")]
    [TestCase("report merge", "--out")]
    [TestCase("schema", "--write")]
    public async Task Help_AfterAnyVerb_PrintsItsUsageOptionsAndExitCodesAndExitsZero(string verb, string option)
    {
        using var sandbox = new Sandbox();

        var (code, output, _) = await sandbox.RunAsync([.. verb.Split(' '), "--help"]);

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain($"./run.sh {verb}").And.Contain(option).And.Contain("exit codes: 0 passed"));
    }

    [Test]
    public async Task Help_WithoutAVerb_ListsTheParsersVerbsAndRunShsOwn()
    {
        using var sandbox = new Sandbox();

        var (code, output, _) = await sandbox.RunAsync("help");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("certify").And.Contain("schema").And.Contain("test ").And.Contain("bench [--quick]"));
    }

    [Test]
    public async Task Suggest_AnOptionBeingTyped_CompletesItFromTheParser()
    {
        using var sandbox = new Sandbox();

        var (code, output, _) = await sandbox.RunAsync("[suggest:8]", "run --ta");

        Assert.That(code, Is.Zero);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "--tag", "--target" }));
    }

    /// <summary>The README's verb table and the parser say the same: each verb and option documented is parsed, and each one parsed is documented.</summary>
    [Test]
    public async Task ReadmeVerbTable_AndTheParser_NameTheSameVerbsAndOptions()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var table = readme[readme.IndexOf("## Every verb", StringComparison.Ordinal)..readme.IndexOf("**Exit codes**", StringComparison.Ordinal)];
        var documented = FirstCell().Matches(table)
            .SelectMany(cell => CodeSpan().Matches(cell.Groups[1].Value).Select(span => span.Groups[1].Value))
            .Select(span => (Verb: string.Join(' ', span.Split(' ').TakeWhile(w => w.All(char.IsAsciiLetterLower))), Options: OptionName().Matches(span).Select(o => o.Value).ToHashSet()))
            .Where(d => !Commands.ScriptVerbs.Any(v => v.Verb.Split(' ')[0] == d.Verb))
            .ToList();
        var parsed = Leaves(Commands.Build(TextWriter.Null, TextWriter.Null, Repository.Root), "")
            .Select(c => (Verb: c.Path, Options: c.Command.Options.Where(o => o is not System.CommandLine.Help.HelpOption).Select(o => o.Name).ToHashSet()))
            .ToList();

        Assert.That(documented, Has.Count.GreaterThan(8), "the table was read");
        Assert.That(documented.Select(d => d.Verb), Is.EquivalentTo(parsed.Select(p => p.Verb)), "the same verbs");
        foreach (var (verb, options) in documented)
        {
            Assert.That(options, Is.EquivalentTo(parsed.Single(p => p.Verb == verb).Options), $"the options of '{verb}'");
        }
    }

    private static IEnumerable<(string Path, System.CommandLine.Command Command)> Leaves(System.CommandLine.Command command, string path) =>
        command.Subcommands.Where(c => c.Name != "help").SelectMany(c =>
        {
            var here = path.Length == 0 ? c.Name : $"{path} {c.Name}";
            var below = Leaves(c, here);
            return c.Action is null ? below : below.Prepend((here, c));
        });

    [System.Text.RegularExpressions.GeneratedRegex(@"^\| (.+?) \|", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex FirstCell();

    [System.Text.RegularExpressions.GeneratedRegex("`([^`]+)`")]
    private static partial System.Text.RegularExpressions.Regex CodeSpan();

    [System.Text.RegularExpressions.GeneratedRegex("--[a-z-]+")]
    private static partial System.Text.RegularExpressions.Regex OptionName();

    [Test]
    public async Task IdpMetadata_ForATargetWithABaseUrl_IsTheSameOnEveryCall()
    {
        using var sandbox = new Sandbox();
        var target = Path.Combine(sandbox.Root, "mocks", "targets", "deployed.yaml");
        File.WriteAllText(target, "name: Deployed SP\nidp: { baseUrl: \"http://127.0.0.1:7001\" }\n");

        var (code, first, err) = await sandbox.RunAsync("idp", "metadata", "--target", target);
        var (_, second, _) = await sandbox.RunAsync("idp", "metadata", "--target", target);

        Assert.That(code, Is.Zero, err);
        Assert.That(first, Does.Contain("entityID=\"http://127.0.0.1:7001/saml2/bluejeans\"").And.Contain("<ds:X509Certificate>"));
        Assert.That(second, Is.EqualTo(first), "the key is generated once and kept");
        Assert.That(err, Does.Contain(Path.Combine(".conformance", "idp", "deployed-sp")));
        Assert.That(first + err, Does.Not.Contain("PRIVATE KEY"));
    }

    [Test]
    public async Task List_WithExcludedTag_LeavesThoseScenariosOut()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);
        sandbox.Scenario("sso/browser.yaml", Passing.Replace("cli.passing", "cli.browser", StringComparison.Ordinal).Replace("tags: [cli]", "tags: [cli, browser]", StringComparison.Ordinal));

        var (_, all, _) = await sandbox.RunAsync("list", "--tag", "cli");
        var (_, some, _) = await sandbox.RunAsync("list", "--tag", "cli", "--exclude-tag", "browser");

        Assert.That(all, Does.Contain("cli.browser").And.Contain("2 scenarios"));
        Assert.That(some, Does.Not.Contain("cli.browser").And.Contain("1 scenarios"));
    }

    [TestCase("--scenarios", "cli.passing", "--scenarios", "cli.other")]
    [TestCase("--scenarios", "cli.passing,cli.other")]
    public async Task List_WithTwoScenarioGlobs_KeepsEveryScenarioEitherMatches(params string[] selection)
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);
        sandbox.Scenario("sso/other.yaml", Passing.Replace("cli.passing", "cli.other", StringComparison.Ordinal));
        sandbox.Scenario("sso/third.yaml", Passing.Replace("cli.passing", "cli.third", StringComparison.Ordinal));

        var (_, listed, _) = await sandbox.RunAsync(["list", .. selection]);

        Assert.That(listed, Does.Contain("cli.passing").And.Contain("cli.other").And.Not.Contain("cli.third").And.Contain("2 scenarios"));
    }

    [Test]
    public async Task Validate_WithEveryKindOfMistake_PrintsOneLinePerProblemAndExitsTwo()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/typo.yaml", Passing.Replace("do: app.create", "do: app.crate", StringComparison.Ordinal));
        sandbox.Scenario("sso/type.yaml", Passing.Replace("cli.passing", "cli.type", StringComparison.Ordinal).Replace("count: 2", "count: two", StringComparison.Ordinal));
        sandbox.Scenario("sso/missing.yaml", Passing.Replace("cli.passing", "cli.missing", StringComparison.Ordinal).Replace("title: An application can be created\n", "", StringComparison.Ordinal));
        sandbox.Scenario("sso/indent.yaml", "id: cli.indent\ntitle: t\narea: sso\nsteps:\n  - do: app.create\n   with: { name: x }\n");
        sandbox.Scenario("sso/duplicate.yaml", Passing.Replace("cli.passing", "cli.type", StringComparison.Ordinal));

        var (code, _, errors) = await sandbox.RunAsync("validate");

        Assert.That(code, Is.EqualTo(2));
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Some.Match(@"^scenarios/sso/typo\.yaml:\d+:\d+: unknown action 'app\.crate' \(did you mean 'app\.create'\?\)"));
        Assert.That(lines, Has.Some.Match(@"^scenarios/sso/type\.yaml:\d+:\d+: input 'count' of field 'data' expects a whole number, got 'two'"));
        Assert.That(lines, Has.Some.Match(@"^scenarios/sso/missing\.yaml:\d+:\d+: scenario is missing required field 'title'"));
        Assert.That(lines, Has.Some.Match(@"^scenarios/sso/indent\.yaml:\d+:\d+: YAML is not well-formed"));
        Assert.That(lines, Has.Some.Match(@"^scenarios/sso/type\.yaml:\d+:\d+: duplicate scenario id 'cli\.type' \(first defined at scenarios/sso/duplicate\.yaml:\d+:\d+\)"));
        Assert.That(lines[^1], Does.EndWith("nothing was run (exit code 2)"));
    }

    [Test]
    public async Task Run_WithBadInput_RunsNothing()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/typo.yaml", Passing.Replace("do: app.create", "do: app.crate", StringComparison.Ordinal));

        var (code, _, _) = await sandbox.RunAsync("run");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Directory.Exists(sandbox.Reports), Is.False);
    }

    [TestCase("run", "--shard", "4/3", "--shard")]
    [TestCase("run", "--seed", "many", "--seed")]
    [TestCase("run", "--namespace", "Bad-Mark", "--namespace")]
    [TestCase("run", "--colour", "x", "--colour")]
    [TestCase("frobnicate", "", "", "frobnicate")]
    public async Task Arguments_WhenWrong_ExitTwoNamingTheArgument(string verb, string option, string value, string named)
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);

        var (code, _, errors) = await sandbox.RunAsync([.. new[] { verb, option, value }.Where(a => a.Length > 0)]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(errors, Does.StartWith(named + ":1:1: "));
    }

    [Test]
    public async Task Run_WithTheSameSeed_ReproducesUsersAndResults()
    {
        using var sandbox = new Sandbox(withCatalogue: true);

        var first = await RunForResultsAsync(sandbox, "run", "--seed", "7", "--namespace", "t7", "--tag", "di");
        var second = await RunForResultsAsync(sandbox, "run", "--seed", "7", "--namespace", "t7", "--tag", "di");

        Assert.That(Normalize(second), Is.EqualTo(Normalize(first)));
        Assert.That(first["scenarios"]!.AsArray(), Is.Not.Empty);
        Assert.That(first["namespace"]!.GetValue<string>(), Is.EqualTo("t7"));
    }

    [Test]
    public async Task Run_OnTwoWorkers_GivesTheSerialRunsResultsInTheSameOrder()
    {
        using var sandbox = new Sandbox(withCatalogue: true);

        var serial = await RunForResultsAsync(sandbox, "run", "--seed", "7", "--namespace", "t7", "--tag", "di");
        var parallel = await RunForResultsAsync(sandbox, "run", "--seed", "7", "--namespace", "t7", "--tag", "di", "--workers", "2");

        Assert.That(Normalize(parallel), Is.EqualTo(Normalize(serial)));
        Assert.That(serial["scenarios"]!.AsArray(), Has.Count.GreaterThan(2));
    }

    [Test]
    public async Task Run_WithoutNamespace_MarksEachRunsUsersApartFromTheSameSeedsData()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);

        var first = await RunForResultsAsync(sandbox, "run", "--seed", "7");
        var second = await RunForResultsAsync(sandbox, "run", "--seed", "7");

        var (markA, markB) = (first["namespace"]!.GetValue<string>(), second["namespace"]!.GetValue<string>());
        var usersA = first["scenarios"]![0]!["users"]!.AsArray().Select(u => u!.GetValue<string>()).ToList();
        var usersB = second["scenarios"]![0]!["users"]!.AsArray().Select(u => u!.GetValue<string>()).ToList();
        Assert.That(markB, Is.Not.EqualTo(markA), "two runs get two marks");
        Assert.That(usersA, Has.All.StartWith(markA + "."));
        Assert.That(usersB, Has.All.StartWith(markB + "."));
        Assert.That(usersB.Select(u => u[(markB.Length + 1)..]), Is.EqualTo(usersA.Select(u => u[(markA.Length + 1)..])), "the seed decides the rest");
    }

    [Test]
    public async Task Run_WithAnotherSeed_UsesOtherUsers()
    {
        using var sandbox = new Sandbox();
        sandbox.Scenario("sso/passing.yaml", Passing);

        var first = await RunForResultsAsync(sandbox, "run", "--seed", "7");
        var second = await RunForResultsAsync(sandbox, "run", "--seed", "8");

        Assert.That(second["scenarios"]![0]!["users"]!.ToJsonString(), Is.Not.EqualTo(first["scenarios"]![0]!["users"]!.ToJsonString()));
    }

    [Test]
    public async Task Shards_MergedTogether_EqualTheUnshardedRun()
    {
        using var sandbox = new Sandbox(withCatalogue: true);
        var whole = await RunForResultsAsync(sandbox, "run", "--tag", "sso");
        var shardFolders = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            await RunForResultsAsync(sandbox, "run", "--tag", "sso", "--shard", $"{i}/3");
            shardFolders.Add(Path.GetFullPath(Path.Combine(sandbox.Reports, new FileInfo(sandbox.Latest).LinkTarget!)));
        }

        var merged = Path.Combine(sandbox.Reports, "merged");
        var (code, output, errors) = await sandbox.RunAsync(["report", "merge", .. shardFolders, "--out", merged]);

        Assert.That(code, Is.Zero, output + errors);
        var mergedResults = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(merged, "results.json")))!;
        Assert.That(Outcomes(mergedResults), Is.EqualTo(Outcomes(whole)));
        Assert.That(mergedResults["counts"]!.ToJsonString(), Is.EqualTo(whole["counts"]!.ToJsonString()));
        Assert.That(shardFolders.Select(f => JsonNode.Parse(File.ReadAllText(Path.Combine(f, "results.json")))!["scenarios"]!.AsArray().Count).Sum(),
            Is.EqualTo(whole["scenarios"]!.AsArray().Count));
    }

    [Test]
    public async Task Merge_OfTwoOfThreeShards_IsRefusedNamingTheMissingOne()
    {
        using var sandbox = new Sandbox();
        foreach (var id in new[] { "a", "b", "c" })
        {
            sandbox.Scenario($"sso/{id}.yaml", Passing.Replace("cli.passing", $"cli.{id}", StringComparison.Ordinal));
        }
        var shardFolders = new List<string>();
        for (var i = 1; i <= 2; i++)
        {
            await RunForResultsAsync(sandbox, "run", "--shard", $"{i}/3");
            shardFolders.Add(Path.GetFullPath(Path.Combine(sandbox.Reports, new FileInfo(sandbox.Latest).LinkTarget!)));
        }

        var (code, _, errors) = await sandbox.RunAsync(["report", "merge", .. shardFolders, "--out", Path.Combine(sandbox.Reports, "merged")]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(errors, Does.Contain("shard 3/3 is missing"));
    }

    [Test]
    public async Task ResultsJson_OfARealRun_ValidatesAgainstTheSchema()
    {
        using var sandbox = new Sandbox(withCatalogue: true);

        var results = await RunForResultsAsync(sandbox, "run", "--tag", "sso");

        using var document = JsonDocument.Parse(results.ToJsonString());
        Assert.That(ResultsSchema.Value.Evaluate(document.RootElement).IsValid, Is.True);
    }

    private static async Task<JsonNode> RunForResultsAsync(Sandbox sandbox, params string[] args)
    {
        var (code, output, errors) = await sandbox.RunAsync(args);
        Assert.That(code, Is.Zero.Or.EqualTo(1), output + errors);
        return JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(sandbox.Latest, "results.json")))!;
    }

    /// <summary>Per scenario: its outcome and every check's outcome, in order.</summary>
    private static List<string> Outcomes(JsonNode results) =>
        [.. results["scenarios"]!.AsArray().Select(s => $"{s!["id"]}={s["outcome"]}:" + string.Join(",",
            s["steps"]!.AsArray().SelectMany(st => st!["checks"]!.AsArray()).Select(c => $"{c!["name"]}={c["outcome"]}")))];

    /// <summary>
    /// results.json without what differs between two runs by nature: times, ids, ports, and the order in
    /// which concurrent SCIM pushes happened to interleave within one step.
    /// </summary>
    private static string Normalize(JsonNode results)
    {
        foreach (var evidence in results["scenarios"]!.AsArray().SelectMany(s => s!["steps"]!.AsArray()).Select(st => st!["evidence"]!))
        {
            foreach (var list in new[] { "exchanges", "insights" })
            {
                var items = evidence[list]!.AsArray().Select(i => i!.DeepClone()).ToList();
                foreach (var item in items)
                {
                    item.AsObject().Remove("id");
                    item.AsObject().Remove("timestamp");
                }
                evidence[list] = new JsonArray([.. items.OrderBy(i => i!.ToJsonString(), StringComparer.Ordinal)]);
            }
        }
        var text = results.ToJsonString();
        text = System.Text.RegularExpressions.Regex.Replace(text, "\"(start|end|runId|timestamp|startedAt|durationMs|at)\":\"?[^\",}]*\"?", "\"$1\":0");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"127\.0\.0\.1:\d+", "127.0.0.1:PORT");
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\b(bjn-|_)?[0-9a-f]{16,}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", "ID");
        return text;
    }
}
