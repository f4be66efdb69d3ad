using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Schema;
using Json.Schema;

namespace Conformance.Reporting.Tests;

public sealed class RunFolderTests
{
    // The schema registry is process-wide: one URI may be registered once.
    private static readonly Lazy<JsonSchema> ResultsSchema = new(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "results.schema.json")));

    private string _reports = "";
    private string _folder = "";

    [OneTimeSetUp]
    public async Task WriteSampleRunFolder()
    {
        _reports = Directory.CreateTempSubdirectory("reports-").FullName;
        _folder = RunFolder.Write(await SampleRun.BuildAsync(), _reports);
    }

    [OneTimeTearDown]
    public void RemoveFolder() => Directory.Delete(_reports, recursive: true);

    [Test]
    public void Write_CreatesEveryFileOfTheContract()
    {
        foreach (var name in new[] { "index.html", "results.json", "junit.xml", "summary.md", "insights.ndjson", "har/scim.limit.har", "artifacts/saml/scim.limit/001-Response.xml", "artifacts/saml/scim.limit/certificate-1.pem" })
        {
            Assert.That(File.Exists(Path.Combine(_folder, name)), Is.True, name);
        }
        Assert.That(Directory.ResolveLinkTarget(Path.Combine(_reports, "latest"), returnFinalTarget: false)?.Name, Is.EqualTo("run-1"));
    }

    [Test]
    public async Task Html_ShowsControlCharactersAnSpSentAsEscapes_NeverRaw()
    {
        var run = await SampleRun.BuildAsync();
        run = run with { Scenarios = [run.Scenarios[0] with { Reason = "the SP answered a\u0000b\u001bc" }, .. run.Scenarios.Skip(1)] };

        var html = HtmlReport.Render(run, new Dictionary<Conformance.Core.Saml.SamlMessageRecord, SavedSamlMessage>());

        Assert.That(html, Does.Not.Contain("\u0000").And.Not.Contain("\u001b"));
        Assert.That(html, Does.Contain("a\\u0000b\\u001bc"));
    }

    [Test]
    public void Html_OpensWithWhatDidNotPassAndWhy()
    {
        var html = File.ReadAllText(Path.Combine(_folder, "index.html"));
        var overview = html[html.IndexOf("id=\"failures\"", StringComparison.Ordinal)..html.IndexOf("</section>", html.IndexOf("id=\"failures\"", StringComparison.Ordinal), StringComparison.Ordinal)];

        Assert.Multiple(() =>
        {
            Assert.That(html.IndexOf("id=\"failures\"", StringComparison.Ordinal), Is.LessThan(html.IndexOf("id=\"areas\"", StringComparison.Ordinal)), "the overview comes first");
            Assert.That(overview, Does.Contain("31 characters refused: expected 400, actual 201 (scenarios/x.yaml:3:5)"));
            Assert.That(overview, Does.Contain("security.crash").And.Contain("di.warn").And.Not.Contain("sso.ok").And.Not.Contain("removal.skip"));
        });
    }

    [Test]
    public async Task HtmlData_HoldsTheSamlMessageAsFieldsAndItsIndentedXml()
    {
        var run = await SampleRun.BuildAsync();

        var saml = ReportData.Of(run, new Dictionary<Conformance.Core.Saml.SamlMessageRecord, SavedSamlMessage>()).Bodies
            .Select(Unpack).SelectMany(b => b.Steps).SelectMany(st => st.Saml).Single();

        Assert.Multiple(() =>
        {
            Assert.That(saml.Fields, Has.Some.EqualTo(new[] { "Message", "Response" }).And.Some.EqualTo(new[] { "ID", "_1" }));
            Assert.That(saml.Xml, Is.EqualTo("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_1\" />"), "read through the XML parser, as the page shows it");
        });
    }

    [Test]
    public async Task HtmlData_ShowsTheSignatureVerdictRecordedAtCapture_NeverVerifiesAgain()
    {
        var run = await SampleRun.BuildAsync();
        var step = run.Scenarios[0].Steps[0];
        var recorded = step.Evidence.SamlMessages[0] with { CertificatePem = "not a certificate", Signatures = "Response valid, Assertion valid (recorded)" };
        run = run with { Scenarios = [run.Scenarios[0] with { Steps = [step with { Evidence = step.Evidence with { SamlMessages = [recorded] } }] }, .. run.Scenarios.Skip(1)] };

        var saml = ReportData.Of(run, new Dictionary<Conformance.Core.Saml.SamlMessageRecord, SavedSamlMessage>()).Bodies
            .Select(Unpack).SelectMany(b => b.Steps).SelectMany(st => st.Saml).Single();

        Assert.That(saml.Signatures, Is.EqualTo("Response valid, Assertion valid (recorded)"));
    }

    [Test]
    public async Task HtmlData_CutsALongBodyAndPointsToTheHar()
    {
        var run = await SampleRun.BuildAsync();
        var exchange = run.Scenarios[0].Steps[0].Evidence.Exchanges[0] with { ResponseBody = new string('x', ReportData.BodyCap + 5_000) };
        var step = run.Scenarios[0].Steps[0] with { Evidence = run.Scenarios[0].Steps[0].Evidence with { Exchanges = [exchange] } };
        run = run with { Scenarios = [run.Scenarios[0] with { Steps = [step] }, .. run.Scenarios.Skip(1)] };

        var page = ReportData.Of(run, new Dictionary<Conformance.Core.Saml.SamlMessageRecord, SavedSamlMessage>());
        var shown = Unpack(page.Bodies[page.Scenarios.Select(s => s.Id).ToList().IndexOf("scim.limit")]).Steps[0].Exchanges[0].ResponseBody;

        Assert.That(shown, Does.EndWith("\n… 5,000 more characters: the whole body is in har/scim.limit.har"));
        Assert.That(shown, Has.Length.LessThan(ReportData.BodyCap + 100));
    }

    [TestCase("<form><input type=\"hidden\" name=\"SAMLResponse\" value=\"{0}\"/><input name=\"RelayState\" value=\"r\"/></form>")]
    [TestCase("<form><input value='{0}' type='hidden' name='SAMLRequest'></form>")]
    public void Readable_AnAutoPostPage_NamesTheMessageInsteadOfRepeatingIt(string page)
    {
        var base64 = new string('Q', 300);

        var shown = ReportData.Readable(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, base64));

        Assert.That(shown, Does.Contain("(base64 of the SAML message shown under SAML below, 300 characters; the exact bytes are in the HAR)").And.Not.Contain(base64));
    }

    [Test]
    public void Readable_AnyOtherBody_IsShownAsSent()
    {
        const string body = "<input name=\"token\" value=\"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\">";

        Assert.That(ReportData.Readable(body), Is.EqualTo(body));
    }

    [Test]
    public async Task HtmlData_KeepsEveryStringAsDataInsideItsScriptElement()
    {
        var run = await SampleRun.BuildAsync();
        run = run with { Scenarios = [run.Scenarios[0] with { Title = "</script><script>alert(1)</script>" }, .. run.Scenarios.Skip(1)] };

        var html = HtmlReport.Render(run, new Dictionary<Conformance.Core.Saml.SamlMessageRecord, SavedSamlMessage>());

        Assert.That(html, Does.Not.Contain("alert(1)</script>"));
        Assert.That(html, Does.Contain("\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)"));
    }

    [Test]
    public void ResultsJson_ShowsEveryLineOfTheGuideWithWhatTheRunDidAboutIt()
    {
        var guide = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "results.json")))!["guide"]!;
        var statuses = guide["lines"]!.AsArray().Select(l => l!["status"]!.GetValue<string>()).ToList();

        Assert.That(statuses, Has.Count.EqualTo(Conformance.Scenarios.Loading.SeedGuide.Embedded.TextLines.Count));
        Assert.That(statuses, Does.Contain("checked").And.Contain("not-testable").And.Contain("not-covered").And.Contain("not-selected"));
        Assert.That(guide["testableLines"]!.GetValue<int>(), Is.EqualTo(statuses.Count(s => s != "not-testable")));
        Assert.That(guide["checkedLines"]!.GetValue<int>(), Is.EqualTo(statuses.Count(s => s == "checked")));
        Assert.That(File.ReadAllText(Path.Combine(_folder, "index.html")), Does.Contain("The guide, line by line"));
    }

    [Test]
    public void ResultsJson_ValidatesAgainstItsPublishedSchema()
    {
        var schema = ResultsSchema.Value;
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "results.json")));

        var evaluation = schema.Evaluate(results.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.That(evaluation.IsValid, Is.True, JsonSerializer.Serialize((evaluation.Details ?? []).Where(d => d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Test]
    public void ResultsSchema_RejectsAnUnknownOutcome()
    {
        var schema = ResultsSchema.Value;
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "results.json")))!;
        results["scenarios"]![0]!["outcome"] = "mostly-fine";
        using var tampered = JsonDocument.Parse(results.ToJsonString());

        Assert.That(schema.Evaluate(tampered.RootElement).IsValid, Is.False);
    }

    [Test]
    public void ResultsJson_ListsEverySamlResponseForRevalidation()
    {
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "results.json")))!;

        var response = results["samlResponses"]!.AsArray().Single()!;

        Assert.That(response["file"]!.GetValue<string>(), Is.EqualTo("artifacts/saml/scim.limit/001-Response.xml"));
        Assert.That(response["certificate"]!.GetValue<string>(), Is.EqualTo("artifacts/saml/scim.limit/certificate-1.pem"));
        Assert.That(response["expectAccepted"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void JUnit_ValidatesAgainstTheStructureCiToolsRead()
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "junit.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Exception.LineNumber}:{e.Exception.LinePosition} {e.Message}");

        using (var reader = XmlReader.Create(Path.Combine(_folder, "junit.xml"), settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void JUnit_HasASuitePerAreaAndFailureTextWithExpectedActualAndRequirement()
    {
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(_folder, "junit.xml"));

        Assert.That(junit.Root!.Elements("testsuite").Select(s => (string)s.Attribute("name")!), Is.EqualTo(new[] { "sso", "scim", "di", "removal", "security" }));
        var failure = junit.Descendants("failure").Single();
        Assert.That((string)failure.Attribute("message")!, Is.EqualTo("31 characters refused: expected 400, actual 201"));
        Assert.That(failure.Value, Does.Contain("[seed:L13]"));
        Assert.That(junit.Descendants("error").Single().Parent!.Attribute("classname")!.Value, Is.EqualTo("security"));
    }

    [Test]
    public void Har_LoadsAsJsonWithTheRequiredHar12Fields()
    {
        var har = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "har", "scim.limit.har")))!["log"]!;

        Assert.That(har["version"]!.GetValue<string>(), Is.EqualTo("1.2"));
        Assert.That(har["creator"]!["name"], Is.Not.Null);
        var entry = har["entries"]!.AsArray().Single()!;
        foreach (var field in new[] { "startedDateTime", "time", "request", "response", "cache", "timings" })
        {
            Assert.That(entry[field], Is.Not.Null, field);
        }
        foreach (var field in new[] { "method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize" })
        {
            Assert.That(entry["request"]![field], Is.Not.Null, "request." + field);
        }
        foreach (var field in new[] { "status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize" })
        {
            Assert.That(entry["response"]![field], Is.Not.Null, "response." + field);
        }
        Assert.That(entry["response"]!["status"]!.GetValue<int>(), Is.EqualTo(400));
    }

    [Test]
    public void InsightsNdjson_HasOneEventPerLineTaggedWithItsScenario()
    {
        var lines = File.ReadAllLines(Path.Combine(_folder, "insights.ndjson"));

        var e = JsonNode.Parse(lines.Single())!;
        Assert.That((e["event_type"]!.GetValue<string>(), e["scenario"]!.GetValue<string>(), e["success"]!.GetValue<bool>()), Is.EqualTo(("user_create_provision", "scim.limit", false)));
    }

    [Test]
    public void EveryFile_HoldsNoCanarySecret()
    {
        var leaks = Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f) is var text && (text.Contains(SampleRun.CanaryToken, StringComparison.Ordinal) || text.Contains(SampleRun.CanaryPassword, StringComparison.Ordinal)))
            .ToList();

        Assert.That(leaks, Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(_folder, "har", "scim.limit.har")), Does.Contain("Bearer [REDACTED]"));
    }

    [Test]
    public void Summary_ListsTheFailedCheckWithItsRequirement()
    {
        var summary = File.ReadAllText(Path.Combine(_folder, "summary.md"));

        Assert.That(summary, Does.Contain("# Conformance: BlueJeans (embedded stub) — HARNESS ERROR"));
        Assert.That(summary, Does.Contain("31 characters refused: expected `400`, actual `201` (seed:L13)"));
    }

    [Test]
    public void EveryReport_StatesWhatWasEvaluatedAndWhatWasSkippedWhy()
    {
        const string scope = "evaluated 4 of 5 scenarios";

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(_folder, "summary.md")), Does.Contain(scope).And.Contain("- skipped 1: target lacks limits.recordings"));
            Assert.That(File.ReadAllText(Path.Combine(_folder, "index.html")), Does.Contain(scope).And.Contain("1 — target lacks limits.recordings"));
            Assert.That(File.ReadAllText(Path.Combine(_folder, "junit.xml")), Does.Contain($"name=\"scope\" value=\"{scope}"));
        });
    }

    private static readonly System.Text.Json.JsonSerializerOptions PageJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>What the page's script does with one scenario's body: base64, then gzip, then JSON.</summary>
    private static ReportData.ScenarioBody Unpack(string packed)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(Convert.FromBase64String(packed)), System.IO.Compression.CompressionMode.Decompress);
        return System.Text.Json.JsonSerializer.Deserialize<ReportData.ScenarioBody>(gzip, PageJson)!;
    }
}
