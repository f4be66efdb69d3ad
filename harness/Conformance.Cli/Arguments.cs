using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;

namespace Conformance.Cli;

/// <summary>The command line: a verb, positional words, and --options with values.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private Arguments(string verb, List<string> positional)
    {
        Verb = verb;
        Positional = positional;
    }

    public string Verb { get; }
    public IReadOnlyList<string> Positional { get; }

    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, bool> knownOptions)
    {
        var verb = args.Count == 0 ? "default" : args[0];
        var positional = new List<string>();
        var parsed = new Arguments(verb, positional);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (!knownOptions.TryGetValue(name, out var takesValue))
            {
                throw Bad(arg, $"unknown option '--{name}' for '{verb}'; known: {string.Join(", ", knownOptions.Keys.Select(k => "--" + k))}");
            }
            var value = takesValue ? inline ?? (i + 1 < args.Count ? args[++i] : throw Bad(arg, $"option '--{name}' needs a value")) : "true";
            if (!parsed._options.TryGetValue(name, out var list))
            {
                parsed._options[name] = list = [];
            }
            list.Add(value);
        }
        return parsed;
    }

    public string? Option(string name) => _options.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Options(string name) => _options.TryGetValue(name, out var list) ? list : [];

    public bool Flag(string name) => _options.ContainsKey(name);

    public int? IntOption(string name) => Option(name) is { } text
        ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw Bad("--" + name, $"option '--{name}' expects a whole number, got '{text}'")
        : null;

    public static InputException Bad(string where, string message) => new(new SourceLocation(where, 1, 1), message);
}
