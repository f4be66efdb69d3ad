using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Results;

namespace Conformance.Reporting;

/// <summary>What a run says about one line of the guide.</summary>
public enum GuideLineVerdict
{
    /// <summary>Quoted by a scenario or check this run evaluated against the SP.</summary>
    Checked,

    /// <summary>Quoted only by scenarios or checks of this run that were skipped (the reason is theirs).</summary>
    NotEvaluated,

    /// <summary>Quoted by scenarios of the catalogue this run did not select.</summary>
    NotSelected,

    /// <summary>Testable, covered by no scenario yet (docs/seed/guide-coverage.yaml).</summary>
    NotCovered,

    /// <summary>No behaviour to check (docs/seed/guide-coverage.yaml).</summary>
    NotTestable,
}

/// <summary>One guide line as a report shows it.</summary>
public sealed record GuideLine(int Line, string Text, GuideLineVerdict Verdict, string? Reason, IReadOnlyList<string> Scenarios);

/// <summary>
/// Every line of the guide with what this run did about it, so a report shows the whole guide — what was checked and
/// what was not, and why — not only the lines its scenarios quote.
/// </summary>
public static class GuideLines
{
    public static IReadOnlyList<GuideLine> Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var evaluated = Quotes(run.Scenarios.Where(s => s.Outcome != Outcome.Skipped), evaluatedChecksOnly: true);
        var quoted = Quotes(run.Scenarios, evaluatedChecksOnly: false);
        var notes = GuideCoverage.Embedded.ToDictionary(n => n.Line);
        return [.. SeedGuide.Embedded.TextLines.Select(line =>
        {
            var text = SeedGuide.Embedded.Lines[line - 1].Trim();
            if (evaluated.TryGetValue(line, out var by))
            {
                return new GuideLine(line, text, GuideLineVerdict.Checked, null, by);
            }
            if (quoted.TryGetValue(line, out var skipped))
            {
                var reasons = run.Scenarios.Where(s => skipped.Contains(s.Id)).Select(s => s.Reason).OfType<string>().Distinct(StringComparer.Ordinal);
                return new GuideLine(line, text, GuideLineVerdict.NotEvaluated, string.Join("; ", reasons), skipped);
            }
            return notes.TryGetValue(line, out var note)
                ? new GuideLine(line, text, note.Status == GuideLineStatus.NotTestable ? GuideLineVerdict.NotTestable : GuideLineVerdict.NotCovered, note.Reason, [])
                : new GuideLine(line, text, GuideLineVerdict.NotSelected, "quoted by scenarios this run did not select", []);
        })];
    }

    /// <summary>The testable lines (all but the not-testable ones) and how many of them this run checked.</summary>
    public static (int Checked, int Testable) Share(IReadOnlyList<GuideLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return (lines.Count(l => l.Verdict == GuideLineVerdict.Checked), lines.Count(l => l.Verdict != GuideLineVerdict.NotTestable));
    }

    private static Dictionary<int, List<string>> Quotes(IEnumerable<ScenarioResult> scenarios, bool evaluatedChecksOnly)
    {
        var quotes = new Dictionary<int, List<string>>();
        foreach (var scenario in scenarios)
        {
            var checks = scenario.Steps.SelectMany(st => st.Checks).Where(c => !evaluatedChecksOnly || c.Outcome != Outcome.Skipped);
            foreach (var line in scenario.Requirements.Concat(checks.Select(c => c.Requirement).OfType<Requirement>()).Select(r => r.SeedLine).OfType<int>().Distinct())
            {
                if (!quotes.TryGetValue(line, out var ids))
                {
                    quotes[line] = ids = [];
                }
                ids.Add(scenario.Id);
            }
        }
        return quotes;
    }
}
