using System.Globalization;
using System.Text;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>summary.md, short enough for $GITHUB_STEP_SUMMARY.</summary>
public static class SummaryMarkdown
{
    public static string Render(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Conformance: {run.Target} — {Verdict(run)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run `{run.RunId}` · seed {run.Seed} · namespace `{run.Namespace}` · harness {run.HarnessVersion}{(run.Commit is null ? "" : $" ({run.Commit})")}{(run.Shard is null ? "" : $" · shard {run.Shard}")} · {(run.End - run.Start).TotalSeconds:0.0} s{(run.Interrupted ? " · **interrupted**" : "")}");
        md.AppendLine();
        var scope = RunScope.Of(run);
        md.AppendLine(CultureInfo.InvariantCulture, $"**{scope.Line}**");
        md.AppendLine();
        foreach (var (reason, count) in scope.SkippedByReason)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- skipped {count}: {reason}");
        }
        if (scope.SkippedByReason.Count > 0)
        {
            md.AppendLine();
        }
        md.AppendLine("| area | total | passed | failed | warning | expected failure | inconclusive | skipped | errored |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in run.Scenarios.GroupBy(s => s.Area).OrderBy(g => g.Key))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {JUnitXml.Area(group.Key)} | {group.Count()} | {N(group, Outcome.Passed)} | {N(group, Outcome.Failed)} | {N(group, Outcome.Warning)} | {N(group, Outcome.ExpectedFailure)} | {N(group, Outcome.Inconclusive)} | {N(group, Outcome.Skipped)} | {N(group, Outcome.Errored)} |");
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"| **all** | {run.Scenarios.Count} | {run.Count(Outcome.Passed)} | {run.Count(Outcome.Failed)} | {run.Count(Outcome.Warning)} | {run.Count(Outcome.ExpectedFailure)} | {run.Count(Outcome.Inconclusive)} | {run.Count(Outcome.Skipped)} | {run.Count(Outcome.Errored)} |");
        var leftovers = run.Scenarios.SelectMany(sc => sc.Leftovers.Select(l => (sc.Id, l))).ToList();
        if (leftovers.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Left in the SP (the clean-up could not delete them)");
            md.AppendLine();
            foreach (var (id, leftover) in leftovers)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{id}`: {leftover}");
            }
        }
        var problems = run.Scenarios.Where(s => s.Outcome is Outcome.Failed or Outcome.Errored or Outcome.Warning or Outcome.ExpectedFailure or Outcome.Inconclusive).ToList();
        if (problems.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Not passed");
            md.AppendLine();
            foreach (var s in problems)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- **{ResultsJson.Kebab(s.Outcome)}** `{s.Id}` {s.Title}{(s.ExpectedFailure is null ? "" : $" (expected-failures.yaml: {s.ExpectedFailure})")}");
                foreach (var c in s.Steps.SelectMany(st => st.Checks).Where(c => c.Outcome is Outcome.Failed or Outcome.Errored or Outcome.Warning or Outcome.Inconclusive))
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"  - {c.Name}: expected `{c.Expected}`, actual `{c.Actual}`{(c.Requirement is null ? "" : $" ({c.Requirement.Id})")}");
                }
                foreach (var st in s.Steps.Where(st => st.Error is not null))
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"  - step {st.Index + 1} `{st.Action}`: {st.Error}");
                }
                if (s.Reason is not null && s.Outcome is Outcome.Errored or Outcome.Failed)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"  - {s.Reason}");
                }
            }
        }
        return md.ToString();
    }

    /// <summary>The run in one word or two, as the report, the summary and the terminal print it.</summary>
    public static string Verdict(RunResult run) => run.Interrupted ? "INTERRUPTED" : run.Outcome switch
    {
        Outcome.Errored => "HARNESS ERROR",
        Outcome.Failed => "FAILED",
        Outcome.Inconclusive => "INCONCLUSIVE",
        _ when run.Evaluated == 0 => "NOTHING EVALUATED",
        Outcome.Warning => "PASSED with warnings",
        _ => "PASSED",
    };

    private static int N(IEnumerable<ScenarioResult> group, Outcome o) => group.Count(s => s.Outcome == o);
}
