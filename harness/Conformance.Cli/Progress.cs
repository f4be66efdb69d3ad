using System.Globalization;
using Conformance.Core.Directories;
using Conformance.Results;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Spectre.Console;

namespace Conformance.Cli;

/// <summary>
/// Live progress: coloured lines with a running count on a terminal; plain lines when output is
/// redirected or CI is set, so logs stay readable.
/// </summary>
internal sealed class Progress(TextWriter writer, IAnsiConsole? console) : IRunObserver
{
    private int _total;
    private int _done;

    public static Progress For(TextWriter stdout)
    {
        var interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        return new Progress(stdout, interactive ? AnsiConsole.Console : null);
    }

    public Task StartAsync(string target, int count, int seed, RunNamespace ns)
    {
        _total = count;
        Line($"running {Scenarios(count)} against {target} (seed {seed}, namespace {ns})", "bold");
        return Task.CompletedTask;
    }

    public void ScenarioStarted(Scenario scenario)
    {
    }

    public void StepFinished(Scenario scenario, StepResult result)
    {
    }

    public void ScenarioFinished(ScenarioResult result)
    {
        var done = Interlocked.Increment(ref _done);
        var word = result.Outcome.ToString().ToLowerInvariant();
        var colour = result.Outcome switch
        {
            Outcome.Passed => "green",
            Outcome.Failed => "red",
            Outcome.Warning or Outcome.Inconclusive => "yellow",
            Outcome.Errored => "purple",
            _ => "grey",
        };
        var reason = result.Reason is null ? "" : $" — {result.Reason}";
        Line(string.Create(CultureInfo.InvariantCulture, $"[{done}/{_total}] {word,-7} {result.Id} ({result.Duration.TotalMilliseconds:0} ms){reason}"), colour);
        foreach (var leftover in result.Leftovers)
        {
            Line($"    left in the SP: {leftover}", "yellow");
        }
    }

    public Task FinishAsync(RunResult run, string folder)
    {
        // A recap of what did not pass, so nobody has to scroll back or open the report to learn why.
        foreach (var s in Reporting.NotPassing.Scenarios(run))
        {
            var style = s.Outcome is Outcome.Warning or Outcome.Inconclusive ? "yellow" : "red";
            var first = Reporting.NotPassing.First(s);
            Line($"{s.Outcome.ToString().ToLowerInvariant(),-12} {s.Id}: {first}", style);
            var others = Reporting.NotPassing.Problems(s).Where(p => !p.StartsWith(first, StringComparison.Ordinal)).ToList();
            foreach (var problem in others.Take(MaxRecapLines))
            {
                Line($"{"",-12}   also {problem}", style);
            }
            if (others.Count > MaxRecapLines)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"{"",-12}   … {others.Count - MaxRecapLines} more in the report"), style);
            }
        }
        Line(string.Create(CultureInfo.InvariantCulture,
            $"{Reporting.SummaryMarkdown.Verdict(run)}: {Scenarios(run.Scenarios.Count)}: {run.Count(Outcome.Passed)} passed, {run.Count(Outcome.Failed)} failed, {run.Count(Outcome.Warning)} warning, {run.Count(Outcome.ExpectedFailure)} expected failure, {run.Count(Outcome.Inconclusive)} inconclusive, {run.Count(Outcome.Skipped)} skipped, {run.Count(Outcome.Errored)} errored in {(run.End - run.Start).TotalSeconds:0.0} s"),
            run.ExitCode == 0 ? "green bold" : "red bold");
        var scope = Reporting.RunScope.Of(run);
        Line(scope.Line, "");
        foreach (var (reason, count) in scope.SkippedByReason.Take(5))
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"  skipped {count}: {reason}"), "grey");
        }
        if (scope.SkippedByReason.Count > 5)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"  … {scope.SkippedByReason.Count - 5} more reasons in summary.md"), "grey");
        }
        Line($"report: {Path.Combine(folder, "index.html")}", "");
        return Task.CompletedTask;
    }

    private const int MaxRecapLines = 4;

    private static string Scenarios(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} scenario{(count == 1 ? "" : "s")}");

    private void Line(string text, string style)
    {
        if (console is null || style.Length == 0)
        {
            writer.WriteLine(text);
        }
        else
        {
            console.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
        }
    }
}
