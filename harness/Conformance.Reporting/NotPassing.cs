using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>What did not pass and why, one line per check: the terminal's recap and the report's overview say the same.</summary>
public static class NotPassing
{
    public static bool Is(Outcome outcome) => outcome is Outcome.Failed or Outcome.Errored or Outcome.Inconclusive or Outcome.Warning;

    public static IEnumerable<ScenarioResult> Scenarios(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Scenarios.Where(s => Is(s.Outcome));
    }

    /// <summary>Every check that did not pass (or a step's error), one line each with where it is written.</summary>
    public static IEnumerable<string> Problems(ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Steps.Where(st => Is(st.Outcome))
            .SelectMany(st => st.Checks.Any(c => Is(c.Outcome))
                ? st.Checks.Where(c => Is(c.Outcome)).Select(c => $"{c.Name}: expected {c.Expected}, actual {c.Actual} ({c.Location})")
                : [$"step {st.Index} {st.Action}: {st.Error ?? st.Outcome.ToString().ToLowerInvariant()}"])
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>The one line that says why: the worst step, then its worst check; a warning only when nothing worse happened.</summary>
    public static string First(ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var step = scenario.Steps.Where(st => Is(st.Outcome)).OrderByDescending(st => st.Outcome).FirstOrDefault();
        var check = step?.Checks.Where(c => Is(c.Outcome)).OrderByDescending(c => c.Outcome).FirstOrDefault();
        return check is not null ? $"{check.Name}: expected {check.Expected}, actual {check.Actual}"
            : step?.Error ?? scenario.Reason ?? "failed";
    }
}
