using System.Text.Json.Nodes;
using Conformance.Reporting;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Conformance.Browser.Tests;

/// <summary>
/// Issue 6: the run folder's index.html opened from disk (file://) in Debian chromium works with no
/// server and no network: counts match results.json, filters hide and show, failures open first.
/// </summary>
public class HtmlReportInBrowserTests : InChromium
{
    private string _runFolder = null!;
    private JsonObject _counts = null!;
    private IPage _page = null!;

    [OneTimeSetUp]
    public async Task WriteRunFolderAndLaunchAsync()
    {
        var reportsRoot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-runs");
        if (Directory.Exists(reportsRoot))
        {
            Directory.Delete(reportsRoot, recursive: true);
        }
        _runFolder = RunFolder.Write(SampleReport.Build(), reportsRoot);
        _counts = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_runFolder, "results.json")))!["counts"]!.AsObject();
    }

    [SetUp]
    public async Task OpenReportAsync()
    {
        _page = await Browser.NewPageAsync();
        await _page.GotoAsync(new Uri(Path.Combine(_runFolder, "index.html")).AbsoluteUri);
    }

    [TearDown]
    public async Task ClosePageAsync() => await _page.CloseAsync();

    [Test]
    public async Task Report_WithEveryScenarioOpen_PassesTheAxeAccessibilityRules()
    {
        await OpenAllAsync();

        var results = await _page.RunAxe();

        Assert.That(results.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}"), Is.Empty);
    }

    [Test]
    public async Task Filters_AreKeptInTheUrlAndReadBackFromIt()
    {
        await _page.SelectOptionAsync("#filter-outcome", "failed");
        var url = _page.Url;
        var reopened = await Browser.NewPageAsync();
        await reopened.GotoAsync(url);
        var shown = await reopened.Locator("#shown").InnerTextAsync();
        await reopened.CloseAsync();

        Assert.Multiple(() =>
        {
            Assert.That(url, Does.EndWith("#o=failed"));
            Assert.That(shown, Is.EqualTo($"2 of {_counts["total"]} scenarios shown"));
        });
    }

    [Test]
    public async Task Counts_ShownOnThePage_EqualTheCountsOfResultsJson()
    {
        var shown = new Dictionary<string, int>();
        foreach (var (name, _) in _counts)
        {
            shown[name] = int.Parse(await _page.Locator($"#count-{name}").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Multiple(() =>
        {
            Assert.That(shown, Is.EqualTo(_counts.ToDictionary(c => c.Key, c => c.Value!.GetValue<int>())));
            Assert.That(shown["failed"], Is.EqualTo(2), "the sample has two failures, so a filter showing all is told apart");
        });
    }

    [Test]
    public async Task Open_ByDefault_ShowsEveryScenarioWithFailuresExpandedAndPassesCollapsed()
    {
        var failedOpen = await _page.Locator("details.scenario[data-outcome=failed]").EvaluateAllAsync<bool[]>("els => els.map(e => e.open)");
        var passedOpen = await _page.Locator("details.scenario[data-outcome=passed]").EvaluateAllAsync<bool[]>("els => els.map(e => e.open)");
        var visible = await VisibleOutcomesAsync();
        var shown = await ShownAsync();

        Assert.Multiple(() =>
        {
            Assert.That(failedOpen, Is.EqualTo(new[] { true, true }));
            Assert.That(passedOpen, Is.EqualTo(new[] { false }));
            Assert.That(visible, Has.Length.EqualTo(6));
            Assert.That(shown, Is.EqualTo("6 of 6 scenarios shown"));
        });
    }

    [Test]
    public async Task OutcomeFilter_Failed_ShowsOnlyFailedScenariosAndUpdatesShown()
    {
        await _page.Locator("#filter-outcome").SelectOptionAsync("failed");

        var visible = await VisibleOutcomesAsync();
        var shown = await ShownAsync();

        Assert.Multiple(() =>
        {
            Assert.That(visible, Is.EqualTo(new[] { "failed", "failed" }));
            Assert.That(shown, Is.EqualTo($"2 of {_counts["total"]} scenarios shown"));
        });
    }

    [Test]
    public async Task TextFilter_ScenarioId_ShowsOnlyThatScenarioAndUpdatesShown()
    {
        await _page.Locator("#filter-text").FillAsync(SampleReport.PassedId);

        var visibleIds = await _page.Locator("details.scenario:visible").EvaluateAllAsync<string[]>("els => els.map(e => e.querySelector('summary code').textContent)");
        var shown = await ShownAsync();

        Assert.Multiple(() =>
        {
            Assert.That(visibleIds, Is.EqualTo(new[] { SampleReport.PassedId }));
            Assert.That(shown, Is.EqualTo($"1 of {_counts["total"]} scenarios shown"));
        });
    }

    [Test]
    public async Task Screenshot_OfTheFilteredReport_IsSavedAsANonEmptyPng()
    {
        await _page.Locator("#filter-outcome").SelectOptionAsync("failed");
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-screenshots", "index-failed.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        Assert.That(new FileInfo(path), Has.Property(nameof(FileInfo.Length)).GreaterThan(0));
        TestContext.AddTestAttachment(path, "index.html filtered to failed scenarios");
    }

    [Test]
    public async Task OpenFailure_IsDrawnWithItsSamlMessageAsAFieldTableAndTheXmlClosed()
    {
        var scenario = await DrawnAsync(SampleReport.FailedId);
        var fields = await scenario.Locator("table.fields tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[0].textContent + ' = ' + r.cells[1].textContent)");
        var xmlOpen = await scenario.Locator("details.raw").EvaluateAsync<bool>("e => e.open");
        var forged = await scenario.Locator("details.saml > summary").InnerTextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(fields, Has.Some.EqualTo("Issuer = https://sso.jumpcloud.com/saml2/bluejeans"));
            Assert.That(fields, Has.Some.EqualTo("Subject NameID = ada@example.test (urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress)"));
            Assert.That(xmlOpen, Is.False);
            Assert.That(forged, Does.Contain("forged: a conforming SP refuses it"));
        });
    }

    [Test]
    public async Task PostedForm_IsShownOneFieldALineWithTheMessageNamedNotRepeated()
    {
        var scenario = await DrawnAsync(SampleReport.FailedId);
        await scenario.Locator("details.http > summary").ClickAsync();
        await scenario.Locator("details.exchange > summary").ClickAsync();

        var request = await scenario.Locator(".pane").First.InnerTextAsync();
        var response = await scenario.Locator(".pane").Nth(1).InnerTextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(request, Does.StartWith("Request").And.Contain("SAMLResponse: (base64 of the SAML message shown under SAML below,").And.Contain("RelayState: r-1"));
            Assert.That(response, Does.StartWith("Response").And.Contain("Signature invalid\\u0000</p>"), "a control character the SP sent is shown as an escape");
        });
    }

    [Test]
    public async Task OverviewLink_ToAScenarioAFilterHides_ClearsTheFilterAndShowsItDrawn()
    {
        await _page.SelectOptionAsync("#filter-outcome", "passed");

        await _page.Locator("#failures a", new PageLocatorOptions { HasText = SampleReport.FailedId }).ClickAsync();
        var scenario = await DrawnAsync(SampleReport.FailedId);
        var visible = await scenario.IsVisibleAsync();
        var filter = await _page.InputValueAsync("#filter-outcome");
        var shown = await ShownAsync();

        Assert.Multiple(() =>
        {
            Assert.That(visible, Is.True);
            Assert.That(filter, Is.Empty);
            Assert.That(shown, Is.EqualTo($"6 of {_counts["total"]} scenarios shown"));
        });
    }

    /// <summary>The visual faults the report once had, pinned by what chromium lays out, with the screenshot attached.</summary>
    [Test]
    public async Task Layout_KeepsLongValuesInsideThePageAndEveryPillAndVerdictVisible()
    {
        await OpenAllAsync();
        await _page.SetViewportSizeAsync(1280, 900);
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-screenshots", "index-open.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, "index.html with every scenario open");

        var overflow = await _page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var offenders = (await _page.EvaluateAsync<string>("[...document.querySelectorAll('*')].filter(e => e.scrollWidth > 1290).slice(0, 12).map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + ' ' + Math.round(e.getBoundingClientRect().right)).join('\\n')"));
        var longCell = await _page.Locator("td code", new PageLocatorOptions { HasText = SampleReport.LongActual }).BoundingBoxAsync();
        var main = await _page.Locator("main").BoundingBoxAsync();
        var pill = await _page.Locator($"#s-{SampleReport.ExpectedFailureId.Replace(".", "\\.", StringComparison.Ordinal)} .pill").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var verdict = await _page.Locator("#verdict").EvaluateAsync<string>("e => getComputedStyle(e).color");
        var body = await _page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).color");
        var passedCheck = await _page.Locator($"#s-{SampleReport.PassedId.Replace(".", "\\.", StringComparison.Ordinal)} table.checks tbody").InnerTextAsync();
        var shownAbove = await _page.EvaluateAsync<bool>("document.getElementById('shown').getBoundingClientRect().top < document.getElementById('list').getBoundingClientRect().top");
        var samlSummary = await _page.Locator("details.saml > summary").BoundingBoxAsync();
        var fileLink = await _page.Locator("table.fields a").BoundingBoxAsync();

        Assert.Multiple(() =>
        {
            Assert.That(overflow, Is.Zero, "nothing widens the page: " + offenders);
            Assert.That(longCell!.X + longCell.Width, Is.LessThanOrEqualTo(main!.X + main.Width + 1), "a long actual value wraps inside its cell");
            Assert.That(pill, Is.Not.EqualTo("rgba(0, 0, 0, 0)"), "the expected-failure pill has a colour");
            Assert.That(verdict, Is.Not.EqualTo(body), "the verdict is coloured when something was skipped");
            Assert.That(passedCheck, Does.Not.Contain("failure"), "a passed check does not say failure");
            Assert.That(shownAbove, Is.True, "the shown counter is above the list");
            Assert.That(fileLink!.Y, Is.GreaterThanOrEqualTo(samlSummary!.Y + samlSummary.Height), "the artifact link sits below the SAML summary, not over it");
        });
    }

    private async Task OpenAllAsync()
    {
        await _page.ClickAsync("#open-all");
        await _page.WaitForFunctionAsync("[...document.querySelectorAll('details.scenario')].every(d => d.dataset.drawn)");
    }

    private async Task<ILocator> DrawnAsync(string id)
    {
        var scenario = _page.Locator("details.scenario", new PageLocatorOptions { Has = _page.Locator($"summary code:text-is('{id}')") });
        await scenario.Locator(".step").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return scenario;
    }

    private Task<string> ShownAsync() => _page.Locator("#shown").InnerTextAsync();

    private Task<string[]> VisibleOutcomesAsync() =>
        _page.Locator("details.scenario:visible").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.outcome)");
}
