using Conformance.Results;

namespace Conformance.Scenarios.Loading;

/// <summary>
/// Every line of the guide with what this run did about it, so a report shows the whole guide — what was checked and
/// what was not, and why — not only the lines its scenarios quote. Read when the run ends (and when shards are merged)
/// and kept in the run's result, so a report needs nothing of the guide itself.
/// </summary>
public static class GuideReading
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
