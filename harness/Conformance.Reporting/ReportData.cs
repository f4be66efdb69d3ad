using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Xml;
using Conformance.Core.Http;
using Conformance.Core.Saml;
using Conformance.Results;
using Conformance.Saml.Bindings;
using Conformance.Saml.Protocol;

namespace Conformance.Reporting;

/// <summary>
/// The scenarios of index.html as data the page renders on demand: a small entry per scenario (what the list, the
/// filters and the text search need) and each scenario's steps and evidence gzipped apart, unpacked only when opened,
/// so a report of a thousand scenarios stays small and opens at once.
/// </summary>
internal static partial class ReportData
{
    /// <summary>The most of one HTTP body or SAML message the page shows; the whole of it is in the HAR or the artifact.</summary>
    public const int BodyCap = 8 * 1024;

    /// <summary>The most exchanges of one step the page lists; the rest are counted and in the HAR.</summary>
    public const int ExchangeCap = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public static Page Of(RunResult run, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml)
    {
        var ordered = run.Scenarios.OrderByDescending(s => s.Outcome).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        return new Page([.. ordered.Select(Entry)], [.. ordered.Select(s => Pack(Body(s, saml)))]);
    }

    /// <summary>The page's one JSON blob, safe inside a script element (&lt;, &gt; and &amp; escaped).</summary>
    public static string Serialize(Page page) => JsonSerializer.Serialize(page, Json);

    private static string Pack(ScenarioBody body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, body, Json);
        }
        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ScenarioEntry Entry(ScenarioResult s)
    {
        var users = s.Users.Count == 0 ? "" : " · users " + string.Join(", ", s.Users.Take(12)) + (s.Users.Count > 12 ? $" … ({s.Users.Count})" : "");
        return new ScenarioEntry(
            s.Id,
            RunFolder.FileName(s.Id),
            s.Title,
            ResultsJson.Kebab(s.Outcome),
            JUnitXml.Area(s.Area),
            s.Tags,
            (long)s.Duration.TotalMilliseconds,
            $"{s.File} · area {JUnitXml.Area(s.Area)}{(s.Tags.Count == 0 ? "" : " · tags " + string.Join(", ", s.Tags))}{users}",
            [.. s.Requirements.Select(Req)],
            s.Reason,
            s.ExpectedFailure,
            [.. s.Leftovers],
            Searchable(s));
    }

    /// <summary>What the text filter looks in: the scenario's words, each step's and each check's, never the bodies.</summary>
    private static string Searchable(ScenarioResult s)
    {
        var words = new List<string?> { s.Id, s.Title, s.File, s.Reason, s.ExpectedFailure, string.Join(' ', s.Tags), string.Join(' ', s.Requirements.Select(r => r.Id)) };
        foreach (var step in s.Steps)
        {
            words.Add(step.Action);
            words.Add(step.Name);
            words.Add(step.Error);
            foreach (var c in step.Checks)
            {
                words.AddRange([c.Name, c.Condition, c.Message, c.Expected, c.Actual, c.Requirement?.Id]);
            }
            words.AddRange(step.Evidence.Notes);
        }
        return string.Join('\n', words.Where(w => !string.IsNullOrEmpty(w)).Distinct(StringComparer.Ordinal)).ToLowerInvariant();
    }

    private static ScenarioBody Body(ScenarioResult s, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml)
    {
        var har = $"har/{RunFolder.FileName(s.Id)}.har";
        return new ScenarioBody(har, [.. s.Steps.Select(step => new StepBody(
            step.Index + 1,
            step.Action,
            step.Name,
            ResultsJson.Kebab(step.Outcome),
            step.Error,
            [.. step.Checks.Select(Check)],
            step.Evidence.Notes,
            [.. step.Evidence.Exchanges.Take(ExchangeCap).Select(x => Exchange(x, har))],
            Math.Max(0, step.Evidence.Exchanges.Count - ExchangeCap),
            [.. step.Evidence.SamlMessages.Select(m => Saml(m, saml.TryGetValue(m, out var saved) ? saved.File : ""))],
            [.. step.Evidence.Insights.Select(e => new InsightRow(
                e.Timestamp.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                e.EventType,
                e.Success,
                $"{e.Resource.Type} {e.Resource.Username ?? e.Resource.DisplayName ?? e.Resource.Id}",
                e.Application.DisplayLabel,
                e.ErrorMessage))],
            step.Evidence.Screenshots,
            step.Evidence.Traces))]);
    }

    private static CheckRow Check(CheckResult c) => new(
        ResultsJson.Kebab(c.Outcome),
        c.Name,
        c.Condition,
        c.Severity == Severity.Failure ? null : c.Severity.ToString().ToLowerInvariant(),
        c.Message,
        c.Expected,
        c.Actual,
        c.Requirement is null ? null : Req(c.Requirement),
        c.Location.ToString());

    private static RequirementBadge Req(Requirement r) => new(r.Id, r.Text, r.Link?.ToString(), r.Source == RequirementSource.Seed);

    private static ExchangeRow Exchange(HttpExchange x, string har) => new(
        x.Method,
        x.Url,
        x.Status,
        (long)x.Duration.TotalMilliseconds,
        x.Channel,
        x.Error,
        string.Join('\n', x.RequestHeaders.Select(p => $"{p.Key}: {p.Value}")),
        Capped(Pretty(Readable(x.RequestBody)), har),
        string.Join('\n', x.ResponseHeaders.Select(p => $"{p.Key}: {p.Value}")),
        Capped(Pretty(Readable(x.ResponseBody)), har));

    private static SamlRow Saml(SamlMessageRecord m, string file) => new(
        m.Kind.ToString(),
        m.Destination,
        !m.ExpectAccepted,
        [.. MessageFields.Read(m.Xml).Select(f => new[] { f.Name, f.Value })],
        m.Signatures,
        file,
        Capped(IndentXml(m.Xml), file));

    /// <summary>An indented copy for reading only; the signed bytes are in the artifact file.</summary>
    private static string IndentXml(byte[] xml)
    {
        var text = Encoding.UTF8.GetString(xml);
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return System.Xml.Linq.XDocument.Load(reader).ToString();
        }
        catch (XmlException)
        {
            return text;
        }
    }

    /// <summary>
    /// A SAML message travelling as base64 (an HTTP-POST binding's form, or the auto-submitting page that carries it) is
    /// named, not repeated: it is shown decoded in its SAML pane, and the exact bytes are in the HAR. A form is shown one
    /// field a line. Anything else is shown as sent.
    /// </summary>
    internal static string? Readable(string? body)
    {
        if (body is null)
        {
            return null;
        }
        if (body.StartsWith(BindingFields.SamlResponse + "=", StringComparison.Ordinal) || body.StartsWith(BindingFields.SamlRequest + "=", StringComparison.Ordinal))
        {
            return string.Join('\n', body.Split('&').Select(pair =>
            {
                var (name, value) = pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0
                    ? (Uri.UnescapeDataString(pair[..at]), Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' ')))
                    : (pair, "");
                return name is BindingFields.SamlResponse or BindingFields.SamlRequest ? $"{name}: {Named(value)}" : $"{name}: {value}";
            }));
        }
        return body.Contains("<input", StringComparison.OrdinalIgnoreCase) ? PostedMessage().Replace(body, m => m.Groups["head"].Value + Named(m.Groups["value"].Value) + m.Groups["tail"].Value) : body;
    }

    private static string Named(string base64) =>
        string.Create(CultureInfo.InvariantCulture, $"(base64 of the SAML message shown under SAML below, {base64.Length:N0} characters; the exact bytes are in the HAR)");

    [GeneratedRegex("""(?<head><input\b[^>]*\bname=["'](?:SAMLResponse|SAMLRequest)["'][^>]*\bvalue=["'])(?<value>[^"']{64,})(?<tail>["'])|(?<head><input\b[^>]*\bvalue=["'])(?<value>[^"']{64,})(?<tail>["'][^>]*\bname=["'](?:SAMLResponse|SAMLRequest)["'])""", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex PostedMessage();

    internal static string Capped(string body, string wholeIn) =>
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
        catch (JsonException)
        {
            return body;
        }
    }

    internal sealed record Page(IReadOnlyList<ScenarioEntry> Scenarios, IReadOnlyList<string> Bodies);

    internal sealed record ScenarioEntry(string Id, string Anchor, string Title, string Outcome, string Area, IReadOnlyList<string> Tags, long Ms, string Meta,
        IReadOnlyList<RequirementBadge> Reqs, string? Reason, string? ExpectedFailure, IReadOnlyList<string> Leftovers, string Search);

    internal sealed record RequirementBadge(string Id, string Text, string? Link, bool Seed);

    internal sealed record ScenarioBody(string Har, IReadOnlyList<StepBody> Steps);

    internal sealed record StepBody(int N, string Action, string? Name, string Outcome, string? Error, IReadOnlyList<CheckRow> Checks,
        IReadOnlyList<string> Notes, IReadOnlyList<ExchangeRow> Exchanges, int MoreExchanges, IReadOnlyList<SamlRow> Saml,
        IReadOnlyList<InsightRow> Insights, IReadOnlyList<string> Screenshots, IReadOnlyList<string> Traces);

    internal sealed record CheckRow(string Outcome, string Name, string Condition, string? CountsAs, string? Message, string Expected, string Actual,
        RequirementBadge? Req, string Location);

    internal sealed record ExchangeRow(string Method, string Url, int Status, long Ms, string Channel, string? Error,
        string RequestHeaders, string RequestBody, string ResponseHeaders, string ResponseBody);

    internal sealed record SamlRow(string Kind, string Destination, bool Forged, IReadOnlyList<string[]> Fields, string? Signatures, string File, string Xml);

    internal sealed record InsightRow(string Time, string Type, bool Success, string Resource, string Application, string? Error);
}
