using System.Globalization;
using System.Net;
using System.Text;
using Conformance.Core.Saml;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>
/// index.html: one self-contained file (inline CSS and JS, no network) that opens from file://. The verdict, what did
/// not pass, the areas, the requirements and the guide are written as HTML; the scenarios are data (<see cref="ReportData"/>)
/// the page's script draws, failures first and open, each check with expected against actual and its requirement.
/// </summary>
public static class HtmlReport
{
    public static string Render(RunResult run, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(saml);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>Conformance — {E(run.Target)} — {E(SummaryMarkdown.Verdict(run))}</title><style>{Css}</style></head><body>");
        Header(h, run);
        h.Append("<main>");
        Failures(h, run);
        Areas(h, run);
        Requirements(h, run);
        h.Append("<section id=\"scenarios\" aria-labelledby=\"scenarios-heading\"><h2 id=\"scenarios-heading\">Scenarios</h2>");
        Filters(h, run);
        // The list is drawn from the data below; without scripts the page still says where the same facts are.
        h.Append("<noscript><p class=\"reason\">The scenarios are drawn by the page's script, which is off: the same results are in results.json, junit.xml and summary.md beside this file.</p></noscript><div id=\"list\"></div>");
        h.Append("<script type=\"application/json\" id=\"report-data\">").Append(ReportData.Serialize(ReportData.Of(run, saml))).Append("</script>");
        h.Append(CultureInfo.InvariantCulture, $"</section></main><script>{Script}</script></body></html>");
        return h.ToString();
    }

    private static void Header(StringBuilder h, RunResult run)
    {
        var verdictClass = run.Interrupted ? "errored" : ResultsJson.Kebab(run.Outcome);
        h.Append(CultureInfo.InvariantCulture, $"<header><h1>Conformance report: {E(run.Target)}</h1><p class=\"verdict {verdictClass}\" id=\"verdict\">{E(SummaryMarkdown.Verdict(run))}</p>");
        h.Append("<ul class=\"counts\">");
        h.Append(CultureInfo.InvariantCulture, $"<li>total <b id=\"count-total\">{run.Scenarios.Count}</b></li>");
        foreach (var o in Enum.GetValues<Outcome>())
        {
            h.Append(CultureInfo.InvariantCulture, $"<li class=\"{ResultsJson.Kebab(o)}\">{ResultsJson.Kebab(o)} <b id=\"count-{ResultsJson.Kebab(o)}\">{run.Count(o)}</b></li>");
        }
        h.Append("</ul>");
        var scope = RunScope.Of(run);
        h.Append(CultureInfo.InvariantCulture, $"<p id=\"scope\"><b>{E(scope.Line)}</b>{(scope.SkippedByReason.Count == 0 ? "" : " · skipped: " + string.Join("; ", scope.SkippedByReason.Select(r => $"{r.Count} — {E(r.Reason)}")))}</p>");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">run <code>{E(run.RunId)}</code> · seed {run.Seed} · namespace <code>{E(run.Namespace)}</code> · {(run.End - run.Start).TotalSeconds:0.0} s · started {run.Start.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC · harness {E(run.HarnessVersion)}{(run.Commit is null ? "" : $" ({E(run.Commit)})")}{(run.Shard is null ? "" : $" · shard {E(run.Shard)}")}{(run.Interrupted ? " · <b>interrupted: this report holds only what ran</b>" : "")}</p></header>");
    }

    /// <summary>At the top, before anything else: every scenario that did not pass and each check that says why.</summary>
    private static void Failures(StringBuilder h, RunResult run)
    {
        var failing = NotPassing.Scenarios(run).OrderByDescending(s => s.Outcome).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        if (failing.Count == 0)
        {
            return;
        }
        h.Append(CultureInfo.InvariantCulture, $"<section id=\"failures\" aria-labelledby=\"failures-heading\"><h2 id=\"failures-heading\">What did not pass ({failing.Count})</h2><ul class=\"failures\">");
        foreach (var s in failing)
        {
            var outcome = ResultsJson.Kebab(s.Outcome);
            h.Append(CultureInfo.InvariantCulture, $"<li><a class=\"pill {outcome}\" href=\"#s-{Anchor(s.Id)}\">{outcome}</a> <a href=\"#s-{Anchor(s.Id)}\"><code>{E(s.Id)}</code></a> {E(s.Title)}<ul>");
            foreach (var problem in (s.Reason is null ? [] : new[] { s.Reason }).Concat(NotPassing.Problems(s)))
            {
                h.Append(CultureInfo.InvariantCulture, $"<li>{E(problem)}</li>");
            }
            h.Append("</ul></li>");
        }
        h.Append("</ul></section>");
    }

    private static void Areas(StringBuilder h, RunResult run)
    {
        h.Append("<section><h2>By area</h2><table class=\"summary\" id=\"areas\"><thead><tr><th>area</th><th>total</th>");
        foreach (var o in Enum.GetValues<Outcome>())
        {
            h.Append(CultureInfo.InvariantCulture, $"<th>{ResultsJson.Kebab(o)}</th>");
        }
        h.Append("</tr></thead><tbody>");
        foreach (var g in run.Scenarios.GroupBy(s => s.Area).OrderBy(g => g.Key))
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{JUnitXml.Area(g.Key)}</td><td>{g.Count()}</td>");
            foreach (var o in Enum.GetValues<Outcome>())
            {
                h.Append(CultureInfo.InvariantCulture, $"<td>{g.Count(s => s.Outcome == o)}</td>");
            }
            h.Append("</tr>");
        }
        h.Append("</tbody></table></section>");
    }

    private static void Requirements(StringBuilder h, RunResult run)
    {
        var rows = run.Scenarios
            .SelectMany(s => s.Requirements.Concat(s.Steps.SelectMany(st => st.Checks).Select(c => c.Requirement).OfType<Requirement>()).Distinct().Select(r => (r, s)))
            .GroupBy(x => x.r.Id + "|" + x.r.Text)
            .OrderBy(g => g.First().r.Source).ThenBy(g => g.First().r.SeedLine ?? 0).ThenBy(g => g.Key, StringComparer.Ordinal);
        h.Append("<section><details><summary><h2>By requirement</h2></summary><table class=\"summary\" id=\"requirements\"><thead><tr><th>requirement</th><th>scenarios</th></tr></thead><tbody>");
        foreach (var g in rows)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{Badge(g.First().r)} {(g.First().r.Source == RequirementSource.Seed ? "“" + E(g.First().r.Text) + "”" : "")}</td><td>");
            foreach (var (_, s) in g.DistinctBy(x => x.s.Id))
            {
                h.Append(CultureInfo.InvariantCulture, $"<a class=\"pill {ResultsJson.Kebab(s.Outcome)}\" href=\"#s-{Anchor(s.Id)}\">{E(s.Id)}</a> ");
            }
            h.Append("</td></tr>");
        }
        h.Append("</tbody></table></details></section>");
        Guide(h, run);
    }

    /// <summary>The whole guide, line by line: what this run checked, and for every other line why not.</summary>
    private static void Guide(StringBuilder h, RunResult run)
    {
        var lines = run.Guide;
        var (checkedLines, testable) = run.GuideShare();
        h.Append(CultureInfo.InvariantCulture, $"<section><details><summary><h2>The guide, line by line</h2> <span class=\"muted\">{checkedLines} of {testable} testable lines checked in this run</span></summary><table class=\"summary\" id=\"guide\"><thead><tr><th>line</th><th>text</th><th>status</th></tr></thead><tbody>");
        foreach (var line in lines)
        {
            var status = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(line.Verdict.ToString());
            var pill = line.Verdict switch
            {
                GuideLineVerdict.Checked => "passed",
                GuideLineVerdict.NotCovered => "failed",
                GuideLineVerdict.NotEvaluated or GuideLineVerdict.NotSelected => "warning",
                _ => "skipped",
            };
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{line.Line}</td><td>{E(line.Text)}</td><td><span class=\"pill {pill}\">{status.Replace('-', ' ')}</span> {E(line.Reason)}");
            foreach (var id in line.Scenarios)
            {
                h.Append(CultureInfo.InvariantCulture, $" <a href=\"#s-{Anchor(id)}\">{E(id)}</a>");
            }
            h.Append("</td></tr>");
        }
        h.Append("</tbody></table></details></section>");
    }

    private static void Filters(StringBuilder h, RunResult run)
    {
        h.Append("<div class=\"filters\" role=\"search\" aria-label=\"filter the scenarios\"><label>outcome <select id=\"filter-outcome\"><option value=\"\">all</option>");
        foreach (var o in Enum.GetValues<Outcome>())
        {
            h.Append(CultureInfo.InvariantCulture, $"<option>{ResultsJson.Kebab(o)}</option>");
        }
        h.Append("</select></label> <label>area <select id=\"filter-area\"><option value=\"\">all</option>");
        foreach (var a in run.Scenarios.Select(s => s.Area).Distinct().Order())
        {
            h.Append(CultureInfo.InvariantCulture, $"<option>{JUnitXml.Area(a)}</option>");
        }
        h.Append("</select></label> <label>tag <select id=\"filter-tag\"><option value=\"\">all</option>");
        foreach (var t in run.Scenarios.SelectMany(s => s.Tags).Distinct().Order(StringComparer.Ordinal))
        {
            h.Append(CultureInfo.InvariantCulture, $"<option>{E(t)}</option>");
        }
        h.Append("</select></label> <label>text <input id=\"filter-text\" type=\"search\" placeholder=\"id, title, check, message\"></label> <span id=\"shown\" class=\"muted\" role=\"status\"></span> <button id=\"open-all\" type=\"button\">open all shown (to print or search the page)</button></div>");
    }

    private static string Badge(Requirement r) => r.Link is { } link
        ? $"<a class=\"req\" href=\"{E(link.ToString())}\">{E(r.Id)}</a>"
        : $"<span class=\"req\" title=\"{E(r.Text)}\">{E(r.Id)}</span>";

    private static string Anchor(string id) => RunFolder.FileName(id);

    /// <summary>HTML-encoded, with control characters an SP sent (NUL and the like) shown as \u escapes, never written raw.</summary>
    private static string E(string? s)
    {
        var encoded = WebUtility.HtmlEncode(s ?? "");
        return encoded.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? string.Concat(encoded.Select(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? $"\\u{(int)c:x4}" : c.ToString()))
            : encoded;
    }

    private static readonly string Css = Resource("report.css");

    private static readonly string Script = Resource("report.js");

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"the report's {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
