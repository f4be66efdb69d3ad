using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using HarnessInfo = Conformance.Scenarios.HarnessInfo;

namespace Conformance.Cli;

/// <summary>
/// The verbs and options of the design's contract as one System.CommandLine tree: every verb gets --help, every
/// mistake the parser can see is reported before anything runs, and shells can ask it for completions ([suggest]).
/// The README's verb table is tested against this tree.
/// </summary>
internal static class Commands
{
    public const string ExitCodes = "exit codes: 0 passed · 1 conformance failure · 2 bad input · 3 harness error · 4 not proven (nothing evaluated, or inconclusive)";

    /// <summary>The verbs run.sh answers itself, before the CLI: listed in help, not parsed here.</summary>
    public static readonly IReadOnlyList<(string Verb, string Description)> ScriptVerbs =
    [
        ("test", "restore, build and run every test"),
        ("bench [--quick] [--only 1,2,...]", "the performance figures (bench/README.md)"),
    ];

    private static readonly Option<string[]> Scenarios = List("--scenarios", "GLOB", "scenario ids or file paths (globs); repeated or comma-separated: any of them");
    private static readonly Option<string[]> Tag = List("--tag", "T", "only scenarios with any of these tags (repeated or comma-separated)");
    private static readonly Option<string[]> ExcludeTag = List("--exclude-tag", "T", "no scenario with any of these tags (--exclude-tag browser: no browser needed)");
    private static readonly Option<string> Target = Text("--target", "FILE", "the SP under test (default mocks/targets/bluejeans-stub.yaml)");
    private static readonly Option<int?> Seed = Whole("--seed", "the seed of every generated user (default 1): the same seed, the same run");
    private static readonly Option<string> Out = Text("--out", "DIR", "where the run folder is written (default reports/)");
    private static readonly Option<string> Shard = Text("--shard", "i/n", "run the i-th of n equal parts of the selection");
    private static readonly Option<string> ExpectedFailures = Text("--expected-failures", "FILE", "known failures of this SP (default expected-failures.yaml)");
    private static readonly Option<bool> KeepData = new("--keep-data") { Description = "leave what each scenario created in the SP for a person to look at" };
    private static readonly Option<string> Namespace = Text("--namespace", "MARK|none", "the mark on every name the run creates (default: a fresh one); none: names as written");
    private static readonly Option<int?> Workers = Whole("--workers", "scenarios at once, each with its own SP and IdP (default: one per core for an SP the harness starts, else 1)");
    private static readonly Option<string> Cert = Text("--cert", "PEM", "the certificate that signs certification.zip (or CONFORMANCE_CERT)");
    private static readonly Option<string> Key = Text("--key", "PEM", "its private key (or CONFORMANCE_KEY); without both, an ephemeral key");
    private static readonly Option<string> Trust = Text("--trust", "PEM", "the signer's certificate the package must be signed by");
    private static readonly Option<string> App = Text("--app", "SUFFIX", "the application's IdP URL suffix ({idp}/saml2/SUFFIX)");
    private static readonly Option<int?> Port = Whole("--port", "the port to listen on (default 0: any free one)");
    private static readonly Option<string> Sp = Text("--sp", "URL", "an SP with the control API to wire a demo user and the BlueJeans application to");
    private static readonly Option<bool> Write = new("--write") { Description = "regenerate scenarios/schema.json and mocks/targets/schema.json instead of printing" };

    public static RootCommand Build(TextWriter stdout, TextWriter stderr, string root)
    {
        var command = new RootCommand("The SAML SSO + SCIM conformance suite. With no verb: the default catalogue against the embedded BlueJeans stub.")
        {
            HelpName = "./run.sh",
        };
        // No verb is `run` with its defaults.
        command.SetAction((parse, token) => command.Parse(["run"]).InvokeAsync(parse.InvocationConfiguration, token));

        var run = new Command("run", "run a selection of scenarios against a target");
        AddRunOptions(run);
        run.SetAction((parse, token) => CommandLine.RunScenariosAsync(new Arguments(parse, root), stdout, token));

        var list = new Command("list", "scenario id, area, tags, title") { Scenarios, Tag, ExcludeTag };
        list.SetAction(parse => CommandLine.List(new Arguments(parse, root), stdout));

        var validate = new Command("validate", "check scenario files; one line per problem (file:line:column)")
        {
            new Argument<string[]>("PATHS") { Arity = ArgumentArity.ZeroOrMore, Description = "files or folders (default scenarios/)" },
        };
        validate.SetAction(parse => CommandLine.Validate(new Arguments(parse, root), stdout));

        var idp = new Command("idp", "the mock IdP's metadata");
        var metadata = new Command("metadata", "the IdP metadata to load into the SP once (stable address and key)") { Target, App };
        metadata.SetAction(parse => CommandLine.IdpMetadataAsync(new Arguments(parse, root), stdout, stderr));
        idp.Add(metadata);

        var serve = new Command("serve", "the mock IdP or the BlueJeans stub on their own until Ctrl+C");
        var serveIdp = new Command("idp", "the mock IdP (login, user console, Admin Portal, admin and DI APIs)") { Port, Sp };
        serveIdp.SetAction((parse, token) => Serve.RunAsync("idp", new Arguments(parse, root), stdout, token));
        var serveSp = new Command("sp", "the BlueJeans stub") { Port };
        serveSp.SetAction((parse, token) => Serve.RunAsync("sp", new Arguments(parse, root), stdout, token));
        serve.Add(serveIdp);
        serve.Add(serveSp);

        var report = new Command("report", "reports of runs");
        var merge = new Command("merge", "shard run folders into one report whose counts equal an unsharded run's")
        {
            new Argument<string[]>("DIR") { Arity = ArgumentArity.OneOrMore, Description = "the shards' run folders" },
            new Option<string>("--out") { HelpName = "DIR", Description = "the merged run folder", Required = true },
        };
        merge.SetAction(parse => ReportMerge.Run(new Arguments(parse, root), stdout));
        report.Add(merge);

        var certify = new Command("certify", "run the certification plan and write a signed certification.zip in the run folder") { Cert, Key };
        AddRunOptions(certify);
        certify.SetAction((parse, token) => Certify.RunAsync(new Arguments(parse, root), stdout, token));
        var verify = new Command("verify", "check the signature and every file's SHA-256; names each file that changed")
        {
            new Argument<string>("FILE.zip") { Description = "a certification package" },
            Trust,
        };
        verify.SetAction(parse => Certify.Verify(new Arguments(parse, root), stdout, stderr));
        certify.Add(verify);

        var schema = new Command("schema", "print the scenario JSON Schema, or regenerate scenarios/ and mocks/targets/ schema.json") { Write };
        schema.SetAction(parse => CommandLine.Schema(new Arguments(parse, root), stdout));

        var help = new Command("help", "this list");
        help.SetAction(_ => command.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr }));

        foreach (var verb in new[] { run, list, validate, idp, serve, report, certify, schema, help })
        {
            command.Add(verb);
        }
        foreach (var option in command.Options)
        {
            if (option is HelpOption { Action: HelpAction standard } helpOption)
            {
                helpOption.Action = new HelpWithExitCodes(standard);
            }
            else if (option is VersionOption versionOption)
            {
                versionOption.Action = new HarnessVersion();
            }
        }
        return command;
    }

    /// <summary>
    /// What the parser found wrong, one line each in the form of every other input problem (<c>where:1:1: what</c>,
    /// where being the option, the word or the verb); a word a verb cannot place is named with what it takes instead
    /// (a scenario file given to run is picked with --scenarios).
    /// </summary>
    public static IEnumerable<string> Problems(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var verb = command is RootCommand ? "./run.sh" : Verb(parse);
        var unmatched = parse.UnmatchedTokens;
        foreach (var error in parse.Errors.Where(e => !unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
        {
            var where = error.SymbolResult switch
            {
                System.CommandLine.Parsing.OptionResult o => o.Option.Name,
                System.CommandLine.Parsing.ArgumentResult a => a.Argument.Name,
                _ => verb,
            };
            yield return $"{where}:1:1: {error.Message}";
        }
        foreach (var token in unmatched)
        {
            yield return $"{token}:1:1: " + (token.StartsWith('-')
                ? $"unknown option '{token}' for '{verb}'; known: {string.Join(", ", command.Options.Where(o => !o.Hidden && o is not HelpOption).Select(o => o.Name))}"
                : command is RootCommand
                    ? $"unknown command '{token}'; commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))}, and run.sh's {string.Join(", ", ScriptVerbs.Select(v => v.Verb.Split(' ')[0]))}"
                    : command.Name is "run" or "list"
                        ? $"'{verb}' takes no file or word '{token}'; to pick scenarios use --scenarios GLOB (an id or a path: --scenarios 'scenarios/scim/lifecycle.yaml') or --tag"
                        : $"'{verb}' does not take '{token}'");
        }
    }

    /// <summary>The verb as typed: <c>run</c>, <c>report merge</c>.</summary>
    public static string Verb(ParseResult parse) => string.Join(' ', Path(parse.CommandResult.Command));

    private static IEnumerable<string> Path(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent and not RootCommand ? [.. Path(parent), command.Name] : [command.Name];

    private static void AddRunOptions(Command command)
    {
        foreach (var option in new Option[] { Scenarios, Tag, ExcludeTag, Target, Seed, Out, Shard, ExpectedFailures, KeepData, Namespace, Workers })
        {
            command.Add(option);
        }
    }

    private static Option<string[]> List(string name, string value, string description) => new(name) { HelpName = value, Description = description };

    /// <summary>A whole-number option whose refusal reads like the others' ("expects a whole number"), not like a .NET type name.</summary>
    private static Option<int?> Whole(string name, string description) => new(name)
    {
        HelpName = "N",
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            result.AddError($"option '{name}' expects a whole number, got '{text}'");
            return null;
        },
    };

    private static Option<string> Text(string name, string value, string description) => new(name) { HelpName = value, Description = description };

    /// <summary>The parser's help, then what run.sh adds and what the exit codes mean: the same on every verb.</summary>
    private sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            standard.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.CommandResult.Command is RootCommand)
            {
                output.WriteLine("Verbs of ./run.sh itself:");
                foreach (var (verb, description) in ScriptVerbs)
                {
                    output.WriteLine($"  {verb,-34}{description}");
                }
                output.WriteLine();
            }
            output.WriteLine(ExitCodes);
            return CommandLine.Passed;
        }
    }

    private sealed class HarnessVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"conformance {HarnessInfo.Version}{(HarnessInfo.Commit is null ? "" : $" ({HarnessInfo.Commit})")}");
            return CommandLine.Passed;
        }
    }
}
