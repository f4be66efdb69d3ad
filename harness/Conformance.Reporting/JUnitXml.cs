using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>
/// junit.xml as GitLab, Azure Pipelines and the GitHub test-report actions read it: a testsuite per
/// area, a testcase per scenario (classname = area), failure text with expected/actual and requirement ids.
/// </summary>
public static class JUnitXml
{
    public static string Render(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scope = RunScope.Of(run).Line;
        var suites = run.Scenarios.GroupBy(s => s.Area).OrderBy(g => g.Key).Select(group => new XElement("testsuite",
            new XAttribute("name", Area(group.Key)),
            new XAttribute("tests", group.Count()),
            new XAttribute("failures", group.Count(s => s.Outcome is Outcome.Failed or Outcome.Inconclusive)),
            new XAttribute("errors", group.Count(s => s.Outcome == Outcome.Errored)),
            new XAttribute("skipped", group.Count(s => s.Outcome is Outcome.Skipped or Outcome.ExpectedFailure)),
            new XAttribute("time", Seconds(group.Aggregate(TimeSpan.Zero, (t, s) => t + s.Duration))),
            new XAttribute("timestamp", group.Min(s => s.Start).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "target"), new XAttribute("value", run.Target)),
                new XElement("property", new XAttribute("name", "seed"), new XAttribute("value", run.Seed)),
                new XElement("property", new XAttribute("name", "namespace"), new XAttribute("value", run.Namespace)),
                new XElement("property", new XAttribute("name", "scope"), new XAttribute("value", scope))),
            group.Select(TestCase)));
        // A stopped run is an error of its own in every CI's view, even when it stopped between scenarios.
        var interrupted = run.Interrupted ? 1 : 0;
        if (run.Interrupted)
        {
            suites = suites.Append(new XElement("testsuite",
                new XAttribute("name", "run"), new XAttribute("tests", 1), new XAttribute("failures", 0), new XAttribute("errors", 1), new XAttribute("skipped", 0),
                new XElement("testcase", new XAttribute("classname", "run"), new XAttribute("name", "run interrupted"),
                    new XElement("error", new XAttribute("type", "interrupted"),
                        new XAttribute("message", $"the run was stopped (Ctrl+C or SIGTERM) after {run.Scenarios.Count} scenarios; this report holds only what ran")))));
        }
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", $"conformance {run.Target}"),
            new XAttribute("tests", run.Scenarios.Count + interrupted),
            new XAttribute("failures", run.Count(Outcome.Failed) + run.Count(Outcome.Inconclusive)),
            new XAttribute("errors", run.Count(Outcome.Errored) + interrupted),
            new XAttribute("skipped", run.Count(Outcome.Skipped) + run.Count(Outcome.ExpectedFailure)),
            new XAttribute("time", Seconds(run.End - run.Start)),
            suites));
        var builder = new StringBuilder();
        using (var writer = new Utf8StringWriter(builder))
        {
            document.Save(writer);
        }
        return builder.ToString();
    }

    private static XElement TestCase(ScenarioResult s)
    {
        var element = new XElement("testcase",
            new XAttribute("name", $"{s.Id}: {s.Title}"),
            new XAttribute("classname", Area(s.Area)),
            new XAttribute("file", s.File),
            new XAttribute("time", Seconds(s.Duration)));
        var details = Details(s);
        switch (s.Outcome)
        {
            case Outcome.Failed:
                element.Add(new XElement("failure", new XAttribute("message", NotPassing.First(s)), new XAttribute("type", "conformance"), details));
                break;
            case Outcome.Inconclusive:
                // Never a pass: CI must show it, but as unproven, not as the SP's fault.
                element.Add(new XElement("failure", new XAttribute("message", $"inconclusive: {NotPassing.First(s)}"), new XAttribute("type", "inconclusive"), details));
                break;
            case Outcome.Errored:
                element.Add(new XElement("error", new XAttribute("message", NotPassing.First(s)), new XAttribute("type", "harness"), details));
                break;
            case Outcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", s.Reason ?? "skipped")));
                break;
            case Outcome.ExpectedFailure:
                element.Add(new XElement("skipped", new XAttribute("message", $"expected failure ({s.ExpectedFailure}): {NotPassing.First(s)}")));
                break;
        }
        element.Add(new XElement("system-out", details));
        return element;
    }

    /// <summary>The first failed check (expected, actual) or step error of a scenario, in one line.</summary>
    /// <summary>Every step and check of a scenario, one line each, with expected/actual and requirement ids.</summary>
    public static string Details(ScenarioResult s)
    {
        var text = new StringBuilder();
        if (s.Reason is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"reason: {s.Reason}");
        }
        foreach (var r in s.Requirements)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"requirement: {r}");
        }
        foreach (var step in s.Steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{Upper(step.Outcome)}] step {step.Index + 1} {step.Action}{(step.Name is null ? "" : " — " + step.Name)}{(step.Error is null ? "" : ": " + step.Error)}");
            foreach (var c in step.Checks)
            {
                var requirement = c.Requirement is null ? "" : $" [{c.Requirement.Id}]";
                var message = c.Message is null ? "" : $" — {c.Message}";
                text.AppendLine(CultureInfo.InvariantCulture, $"    [{Upper(c.Outcome)}] {c.Name} ({c.Condition}, {c.Severity.ToString().ToLowerInvariant()}): expected {c.Expected}, actual {c.Actual}{requirement}{message}");
            }
        }
        return text.ToString();
    }

    internal static string Area(Area area) => area.ToString().ToLowerInvariant();

    private static string Upper(Outcome o) => o.ToString().ToUpperInvariant();

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
