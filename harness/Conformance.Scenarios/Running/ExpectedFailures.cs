using System.ComponentModel;
using Conformance.Results;
using Conformance.Scenarios.Loading;

namespace Conformance.Scenarios.Running;

public sealed record ExpectedFailureEntry
{
    [Description("The scenario id.")]
    public required string Id { get; init; }

    [Description("Why the SP is known to fail it (a library's limitation, a ticket number).")]
    public required string Reason { get; init; }

    [Description("The target file's name the entry is for; absent: every target.")]
    public string? Target { get; init; }
}

/// <summary>
/// expected-failures.yaml: known failures that should not fail the run. The list is strict — a listed
/// scenario that passes fails the run with "remove it from the list", so the list stays honest.
/// </summary>
public sealed class ExpectedFailures
{
    private readonly Dictionary<string, string> _reasons;

    private ExpectedFailures(Dictionary<string, string> reasons) => _reasons = reasons;

    public static ExpectedFailures None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, string> Reasons => _reasons;

    /// <summary>The entries of the file that apply to the named target.</summary>
    public static ExpectedFailures Load(string path, string targetName)
    {
        var problems = new List<Problem>();
        var stream = Yaml.Load(Yaml.ReadText(path, path), path);
        if (stream.Documents.Count == 0)
        {
            return None;
        }
        var node = Yaml.ToInputNode(stream.Documents[0].RootNode, path);
        var entries = (IReadOnlyList<ExpectedFailureEntry>)InputBinder.Bind(typeof(IReadOnlyList<ExpectedFailureEntry>), node, "expected-failures.yaml", problems);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e is not null && (e.Target is null || string.Equals(e.Target, targetName, StringComparison.Ordinal))))
        {
            if (string.IsNullOrWhiteSpace(entry.Reason))
            {
                problems.Add(new Problem(node.Location, $"expected failure '{entry.Id}' needs a reason"));
            }
            reasons[entry.Id] = entry.Reason;
        }
        return problems.Count > 0 ? throw new InputException(problems) : new ExpectedFailures(reasons);
    }

    public ScenarioResult Apply(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_reasons.TryGetValue(result.Id, out var reason))
        {
            return result;
        }
        return result.Outcome switch
        {
            Outcome.Failed => result with { Outcome = Outcome.ExpectedFailure, ExpectedFailure = reason },
            Outcome.Passed or Outcome.Warning => result with
            {
                Outcome = Outcome.Failed,
                ExpectedFailure = reason,
                Reason = "listed in expected-failures.yaml but it passed: remove it from the list",
            },
            _ => result with { ExpectedFailure = reason },
        };
    }
}
