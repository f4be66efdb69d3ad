using System.Globalization;
using System.Net;
using System.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using System.Xml.Linq;
using Conformance.Core.Saml;
using Conformance.Saml;
using Conformance.Saml.Protocol;
using Conformance.Saml.Signing;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Results;

namespace Conformance.Reporting;

/// <summary>
/// index.html: one self-contained file (inline CSS and JS, no network) that opens from file://.
/// Failed scenarios come first and open; every check shows expected against actual and its requirement.
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
        foreach (var s in run.Scenarios.OrderByDescending(s => s.Outcome).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            Scenario(h, s, saml);
        }
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
        var lines = GuideLines.Of(run);
        var (checkedLines, testable) = GuideLines.Share(lines);
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
        h.Append("</select></label> <label>text <input id=\"filter-text\" type=\"search\" placeholder=\"id, title, check, message\"></label> <span id=\"shown\" class=\"muted\" role=\"status\"></span></div>");
    }

    private static void Scenario(StringBuilder h, ScenarioResult s, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml)
    {
        var outcome = ResultsJson.Kebab(s.Outcome);
        var open = s.Outcome is Outcome.Failed or Outcome.Errored ? " open" : "";
        h.Append(CultureInfo.InvariantCulture, $"<details class=\"scenario {outcome}\" id=\"s-{Anchor(s.Id)}\" data-outcome=\"{outcome}\" data-area=\"{JUnitXml.Area(s.Area)}\" data-tags=\"{E(string.Join(' ', s.Tags))}\"{open}>");
        h.Append(CultureInfo.InvariantCulture, $"<summary><span class=\"pill {outcome}\">{outcome}</span> <code>{E(s.Id)}</code> {E(s.Title)} <span class=\"muted\">{s.Duration.TotalMilliseconds:0} ms</span></summary><div class=\"body\">");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(s.File)} · area {JUnitXml.Area(s.Area)}{(s.Tags.Count == 0 ? "" : " · tags " + E(string.Join(", ", s.Tags)))}{(s.Users.Count == 0 ? "" : " · users " + E(string.Join(", ", s.Users.Take(12))) + (s.Users.Count > 12 ? $" … ({s.Users.Count})" : ""))}</p>");
        if (s.Requirements.Count > 0)
        {
            h.Append("<ul class=\"reqs\">");
            foreach (var r in s.Requirements)
            {
                h.Append(CultureInfo.InvariantCulture, $"<li>{Badge(r)} {(r.Source == RequirementSource.Seed ? "“" + E(r.Text) + "”" : "")}</li>");
            }
            h.Append("</ul>");
        }
        if (s.Reason is not null)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"reason\">{E(s.Reason)}</p>");
        }
        var har = $"har/{RunFolder.FileName(s.Id)}.har";
        foreach (var step in s.Steps)
        {
            Step(h, step, saml, har);
        }
        h.Append("</div></details>");
    }

    private static void Step(StringBuilder h, StepResult step, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml, string har)
    {
        var outcome = ResultsJson.Kebab(step.Outcome);
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"step {outcome}\"><h3><span class=\"pill {outcome}\">{outcome}</span> {step.Index + 1}. <code>{E(step.Action)}</code> {E(step.Name ?? "")}</h3>");
        if (step.Error is not null)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"reason\">{E(step.Error)}</p>");
        }
        if (step.Checks.Count > 0)
        {
            h.Append("<table class=\"checks\"><thead><tr><th>outcome</th><th>check</th><th>expected</th><th>actual</th><th>requirement</th></tr></thead><tbody>");
            foreach (var c in step.Checks)
            {
                var co = ResultsJson.Kebab(c.Outcome);
                h.Append(CultureInfo.InvariantCulture, $"<tr class=\"{co}\"><td><span class=\"pill {co}\">{co}</span></td><td>{E(c.Name)}<br><span class=\"muted\">{E(c.Condition)}{(c.Severity == Severity.Failure ? "" : $" · counts as {c.Severity.ToString().ToLowerInvariant()}")}</span>{(c.Message is null ? "" : $"<br><span class=\"msg\">{E(c.Message)}</span>")}</td><td><code>{E(c.Expected)}</code></td><td><code>{E(c.Actual)}</code></td><td>{(c.Requirement is null ? "" : Badge(c.Requirement))}</td></tr>");
            }
            h.Append("</tbody></table>");
        }
        Evidence(h, step.Evidence, saml, har);
        h.Append("</div>");
    }

    /// <summary>The most of one HTTP body the page shows; the whole of it is in the scenario's HAR.</summary>
    internal const int BodyCap = 8 * 1024;

    /// <summary>The most exchanges of one step the page lists; the rest are counted and in the HAR.</summary>
    internal const int ExchangeCap = 50;

    private static void Evidence(StringBuilder h, Evidence evidence, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml, string har)
    {
        foreach (var note in evidence.Notes)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(note)}</p>");
        }
        if (evidence.Exchanges.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<details class=\"http\"><summary>HTTP exchanges ({evidence.Exchanges.Count})</summary>");
            // A thousand-user push keeps the page light: its first exchanges here, every one of them in the HAR.
            foreach (var x in evidence.Exchanges.Take(ExchangeCap))
            {
                h.Append(CultureInfo.InvariantCulture, $"<details class=\"exchange\"><summary><code>{E(x.Method)} {E(x.Url)}</code> → <b>{(x.Status == 0 ? "no answer" : x.Status.ToString(CultureInfo.InvariantCulture))}</b> <span class=\"muted\">{x.Duration.TotalMilliseconds:0} ms {E(x.Channel)}</span></summary>");
                if (x.Error is not null)
                {
                    h.Append(CultureInfo.InvariantCulture, $"<p class=\"reason\">{E(x.Error)}</p>");
                }
                h.Append(CultureInfo.InvariantCulture, $"<div class=\"pane\"><h4>Request</h4><pre>{E(string.Join('\n', x.RequestHeaders.Select(p => $"{p.Key}: {p.Value}")))}\n\n{E(Capped(Pretty(x.RequestBody), har))}</pre></div>");
                h.Append(CultureInfo.InvariantCulture, $"<div class=\"pane\"><h4>Response</h4><pre>{E(string.Join('\n', x.ResponseHeaders.Select(p => $"{p.Key}: {p.Value}")))}\n\n{E(Capped(Pretty(x.ResponseBody), har))}</pre></div></details>");
            }
            if (evidence.Exchanges.Count > ExchangeCap)
            {
                h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{evidence.Exchanges.Count - ExchangeCap} more exchanges of this step: <a href=\"{E(har)}\">{E(har)}</a> (opens in the browser's developer tools)</p>");
            }
            h.Append("</details>");
        }
        foreach (var m in evidence.SamlMessages)
        {
            var file = saml.TryGetValue(m, out var saved) ? saved.File : "";
            var signatures = SignatureSummary(m);
            h.Append(CultureInfo.InvariantCulture, $"<details class=\"saml\"><summary>SAML {m.Kind} → <code>{E(m.Destination)}</code>{(m.ExpectAccepted ? "" : " <b>forged: a conforming SP refuses it</b>")}</summary>");
            // SAML-tracer's view: the fields a reviewer looks for, each signature's verdict, the exact bytes one click away.
            h.Append("<table class=\"fields\"><caption>Fields</caption><tbody>");
            foreach (var field in MessageFields.Read(m.Xml))
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(field.Name)}</th><td>{E(field.Value)}</td></tr>");
            }
            if (signatures.Length > 0)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">Signatures</th><td>{E(signatures)}</td></tr>");
            }
            h.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">File</th><td><a href=\"{E(file)}\">{E(file)}</a> (the bytes sent)</td></tr></tbody></table>");
            h.Append(CultureInfo.InvariantCulture, $"<details class=\"raw\"><summary>XML</summary><pre>{E(Capped(IndentXml(m.Xml), file))}</pre></details></details>");
        }
        if (evidence.Insights.Count > 0)
        {
            h.Append("<table class=\"timeline\"><caption>Directory Insights events</caption><thead><tr><th scope=\"col\">time (UTC)</th><th scope=\"col\">event_type</th><th scope=\"col\">success</th><th scope=\"col\">resource</th><th scope=\"col\">application</th><th scope=\"col\">error_message</th></tr></thead><tbody>");
            foreach (var e in evidence.Insights)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(e.Success ? "passed" : "failed")}\"><td>{e.Timestamp.UtcDateTime:HH:mm:ss.fff}</td><td><code>{E(e.EventType)}</code></td><td>{(e.Success ? "true" : "false")}</td><td>{E(e.Resource.Type)} {E(e.Resource.Username ?? e.Resource.DisplayName ?? e.Resource.Id)}</td><td>{E(e.Application.DisplayLabel)}</td><td>{E(e.ErrorMessage)}</td></tr>");
            }
            h.Append("</tbody></table>");
        }
        foreach (var shot in evidence.Screenshots)
        {
            h.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{E(shot)}\" alt=\"screenshot {E(shot)}\" loading=\"lazy\"><figcaption>{E(shot)}</figcaption></figure>");
        }
        foreach (var trace in evidence.Traces)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(trace)}\">Playwright trace {E(trace)}</a></p>");
        }
    }

    /// <summary>What the signatures of a Response say when checked against the certificate recorded with it (never its KeyInfo); empty for other messages.</summary>
    private static string SignatureSummary(SamlMessageRecord message)
    {
        if (message.Kind != SamlMessageKind.Response || message.CertificatePem is null)
        {
            return "";
        }
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(message.CertificatePem);
            var report = SignatureVerifier.Verify(message.Xml, certificate);
            return $"Response {report.Response.ToString().ToLowerInvariant()}, Assertion {report.Assertion.ToString().ToLowerInvariant()} (checked against the application's certificate, never the message's KeyInfo)";
        }
        catch (Exception ex) when (ex is CryptographicException or XmlException or SamlMessageException or InvalidOperationException)
        {
            return $"not verifiable ({ex.Message})";
        }
    }

    private static string Badge(Requirement r) => r.Link is { } link
        ? $"<a class=\"req\" href=\"{E(link.ToString())}\">{E(r.Id)}</a>"
        : $"<span class=\"req\" title=\"{E(r.Text)}\">{E(r.Id)}</span>";

    /// <summary>An indented copy for reading only; the signed bytes are in the artifact file.</summary>
    private static string IndentXml(byte[] xml)
    {
        var text = Encoding.UTF8.GetString(xml);
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader).ToString();
        }
        catch (XmlException)
        {
            return text;
        }
    }

    private static string Capped(string body, string wholeIn) =>
        body.Length <= BodyCap ? body : $"{body[..BodyCap]}\n… {body.Length - BodyCap:N0} more characters: the whole body is in {wholeIn}";

    private static string Pretty(string? body)
    {
        if (string.IsNullOrEmpty(body) || body[0] is not ('{' or '['))
        {
            return body ?? "";
        }
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?.ToJsonString(ReportJson.Options) ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }

    private static string Anchor(string id) => RunFolder.FileName(id);

    /// <summary>HTML-encoded, with control characters an SP sent (NUL and the like) shown as \u escapes, never written raw.</summary>
    private static string E(string? s)
    {
        var encoded = WebUtility.HtmlEncode(s ?? "");
        return encoded.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? string.Concat(encoded.Select(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? $"\\u{(int)c:x4}" : c.ToString()))
            : encoded;
    }

    private const string Css = """
        :root{--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--skip:#6e7781;--err:#8250df;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:15px;color:#1f2328}
        body{max-width:1200px;margin:0 auto;padding:1rem 1.5rem}h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;display:inline}h3{margin:.6rem 0 .3rem;font-size:1rem}
        .verdict{font-size:1.3rem;font-weight:700;margin:.3rem 0}.verdict.passed,.verdict.warning{color:var(--pass)}.verdict.failed,.verdict.inconclusive,.verdict.skipped{color:var(--fail)}.verdict.errored{color:var(--err)}.verdict.expected-failure{color:var(--pass)}
        .counts{display:flex;gap:1rem;list-style:none;padding:0;flex-wrap:wrap}.muted{color:#59636e;font-size:.85rem}
        table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa}
        .pill{display:inline-block;border-radius:1rem;padding:0 .55rem;font-size:.8rem;color:#fff;text-decoration:none}.pill.passed{background:var(--pass)}.pill.failed{background:var(--fail)}.pill.warning{background:var(--warn)}.pill.skipped{background:var(--skip)}.pill.inconclusive{background:var(--warn)}.pill.errored{background:var(--err)}.pill.expected-failure{background:#0969da}
        details.scenario{border:1px solid #d0d7de;border-left:6px solid var(--skip);border-radius:6px;margin:.5rem 0;padding:.3rem .6rem}details.scenario.passed{border-left-color:var(--pass)}details.scenario.failed{border-left-color:var(--fail)}details.scenario.warning,details.scenario.inconclusive{border-left-color:var(--warn)}details.scenario.errored{border-left-color:var(--err)}details.scenario.expected-failure{border-left-color:#0969da}
        summary{cursor:pointer}.body{padding:.3rem 0 .3rem 1rem}.reason{color:var(--fail);font-weight:600}.msg{font-size:.85rem}.note{font-size:.85rem;color:#59636e;margin:.1rem 0}
        .req{display:inline-block;background:#ddf4ff;border-radius:4px;padding:0 .35rem;font-size:.8rem;color:#0969da;text-decoration:none}.reqs{padding-left:1rem}
        pre{background:#f6f8fa;padding:.5rem;overflow:auto;max-height:28rem;font-size:.8rem;white-space:pre-wrap;word-break:break-all}code{font-size:.85rem}
        .timeline tr.failed td{color:var(--fail)}table.fields th{width:16rem;font-weight:600}.pane h4{margin:.4rem 0 .1rem;font-size:.85rem}ul.failures>li{margin:.3rem 0}td code{overflow-wrap:anywhere}.filters{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #d0d7de;z-index:1}.filters label{margin-right:1rem}
        img{max-width:100%;border:1px solid #d0d7de}
        @media print{.filters{display:none}details{display:block}details>summary{list-style:none}details:not([open])>*:not(summary){display:block}pre{max-height:none}}
        """;

    private const string Script = """
        (function(){
          var f={o:document.getElementById('filter-outcome'),a:document.getElementById('filter-area'),t:document.getElementById('filter-tag'),x:document.getElementById('filter-text')};
          function apply(){var n=0,all=document.querySelectorAll('details.scenario');
            all.forEach(function(d){var ok=(!f.o.value||d.dataset.outcome===f.o.value)&&(!f.a.value||d.dataset.area===f.a.value)
              &&(!f.t.value||(' '+d.dataset.tags+' ').indexOf(' '+f.t.value+' ')>=0)&&(!f.x.value||d.textContent.toLowerCase().indexOf(f.x.value.toLowerCase())>=0);
              d.hidden=!ok;if(ok)n++;});
            document.getElementById('shown').textContent=n+' of '+all.length+' scenarios shown';
            var q=new URLSearchParams();['o','a','t','x'].forEach(function(k){if(f[k].value)q.set(k,f[k].value)});
            var hash=q.toString();if(location.hash.slice(1)!==hash&&(hash||location.hash.indexOf('=')>0))history.replaceState(null,'',hash?'#'+hash:location.pathname);}
          if(location.hash.indexOf('=')>0){var p=new URLSearchParams(location.hash.slice(1));['o','a','t','x'].forEach(function(k){if(p.has(k))f[k].value=p.get(k)})}
          [f.o,f.a,f.t].forEach(function(e){e.addEventListener('change',apply)});f.x.addEventListener('input',apply);apply();
        })();
        """;
}
