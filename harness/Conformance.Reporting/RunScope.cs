using System.Globalization;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>
/// What a run's verdict rests on: scenarios evaluated against the SP versus skipped (grouped by reason), and how many
/// of the guide lines the selected scenarios cite were actually checked. Every report states it the same way.
/// </summary>
public sealed record RunScope(int Scenarios, int Evaluated, IReadOnlyList<(string Reason, int Count)> SkippedByReason, int GuideLinesCited, int GuideLinesChecked, int GuideLinesTestable)
{
    public static RunScope Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var evaluated = run.Scenarios.Where(s => s.Outcome != Outcome.Skipped).ToList();
        return new RunScope(
            run.Scenarios.Count,
            evaluated.Count,
            [.. run.Scenarios.Where(s => s.Outcome == Outcome.Skipped)
                .GroupBy(s => s.Reason ?? "skipped", StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count()))],
            GuideLines(run.Scenarios),
            GuideLines(evaluated),
            run.GuideShare().Testable);
    }

    /// <summary>
    /// One line for people: "evaluated 43 of 85 scenarios · guide lines checked 20 of 48 cited, 20 of the guide's 141
    /// testable lines (14 %)" — the last figure is the share of the whole guide this target was checked against.
    /// </summary>
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"evaluated {Evaluated} of {Scenarios} scenarios · guide lines checked {GuideLinesChecked} of {GuideLinesCited} cited, {GuideLinesChecked} of the guide's {GuideLinesTestable} testable lines ({(GuideLinesTestable == 0 ? 0 : 100.0 * GuideLinesChecked / GuideLinesTestable):0} %)");

    private static int GuideLines(IEnumerable<ScenarioResult> scenarios) =>
        scenarios.SelectMany(s => s.Requirements.Concat(s.Steps.SelectMany(st => st.Checks).Where(c => c.Outcome != Outcome.Skipped).Select(c => c.Requirement).OfType<Requirement>()))
            .Where(r => r.Source == RequirementSource.Seed).Select(r => r.Id).Distinct(StringComparer.Ordinal).Count();
}
