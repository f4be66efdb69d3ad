using System.CommandLine;
using Conformance.Results;
using Conformance.Scenarios.Loading;

namespace Conformance.Cli;

/// <summary>What the parser read for the verb being run (its words and its options' values, by option name), and the repository it runs in.</summary>
internal sealed class Arguments(ParseResult parse, string root)
{
    /// <summary>The repository layout the verb reads: scenarios/, mocks/targets/, expected-failures.yaml.</summary>
    public string Root => root;

    /// <summary>The values of the verb's arguments (paths, run folders, a package), in order.</summary>
    public IReadOnlyList<string> Positional { get; } =
        [.. parse.CommandResult.Command.Arguments.SelectMany(a => parse.GetResult(a)?.Tokens.Select(t => t.Value) ?? [])];

    public string? Option(string name) => parse.GetValue<string>("--" + name);

    /// <summary>Every value of a repeatable option, in the order given.</summary>
    public IReadOnlyList<string> Options(string name) => parse.GetValue<string[]>("--" + name) ?? [];

    public bool Flag(string name) => parse.GetValue<bool>("--" + name);

    public int? IntOption(string name) => parse.GetValue<int?>("--" + name);

    public static InputException Bad(string where, string message) => new(new SourceLocation(where, 1, 1), message);
}
