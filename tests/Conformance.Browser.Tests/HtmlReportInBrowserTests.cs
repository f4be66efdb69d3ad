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
    public async Task Report_PassesTheAxeAccessibilityRules()
    {
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
            Assert.That(visible, Has.Length.EqualTo(5));
            Assert.That(shown, Is.EqualTo("5 of 5 scenarios shown"));
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

    private Task<string> ShownAsync() => _page.Locator("#shown").InnerTextAsync();

    private Task<string[]> VisibleOutcomesAsync() =>
        _page.Locator("details.scenario:visible").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.outcome)");
}
