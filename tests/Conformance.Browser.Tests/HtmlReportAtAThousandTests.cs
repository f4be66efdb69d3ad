using Conformance.Reporting;
using Microsoft.Playwright;

namespace Conformance.Browser.Tests;

/// <summary>
/// Issue 17: a report of 1,000 scenarios, opened from disk, lists them all at once, draws an open scenario only when it
/// nears the screen, and filters by text over every one. How fast it opens and searches is bench figure 9.
/// </summary>
public class HtmlReportAtAThousandTests : InChromium
{
    private const int Total = 1_000;
    private string _index = null!;
    private IPage _page = null!;

    [OneTimeSetUp]
    public void WriteRunFolder()
    {
        var reportsRoot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-runs-1000");
        if (Directory.Exists(reportsRoot))
        {
            Directory.Delete(reportsRoot, recursive: true);
        }
        var sample = SampleReport.Build();
        _index = Path.Combine(RunFolder.Write(SampleReport.Build(extraPassed: Total - sample.Scenarios.Count), reportsRoot), "index.html");
    }

    [SetUp]
    public async Task OpenReportAsync()
    {
        _page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await _page.GotoAsync(new Uri(_index).AbsoluteUri);
        await _page.WaitForSelectorAsync("html[data-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    }

    [TearDown]
    public async Task ClosePageAsync() => await _page.CloseAsync();

    [Test]
    public async Task Open_ListsEveryScenarioAndDrawsNoneThatIsClosed()
    {
        var listed = await _page.Locator("details.scenario").CountAsync();
        var drawnClosed = await _page.Locator("details.scenario:not([open])[data-drawn]").CountAsync();
        var shown = await _page.Locator("#shown").InnerTextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(Total));
            Assert.That(drawnClosed, Is.Zero);
            Assert.That(shown, Is.EqualTo($"{Total} of {Total} scenarios shown"));
        });
    }

    [Test]
    public async Task TextFilter_OverAThousand_FindsTheOneScenarioNamed()
    {
        await _page.FillAsync("#filter-text", "bulk.passed-0500");

        var visible = await _page.Locator("details.scenario:visible summary code").AllTextContentsAsync();

        Assert.That(visible, Is.EqualTo(new[] { "bulk.passed-0500" }));
        Assert.That(await _page.Locator("#shown").InnerTextAsync(), Is.EqualTo($"1 of {Total} scenarios shown"));
    }

    [Test]
    public async Task Opening_TheLastScenario_DrawsItsSteps()
    {
        var last = _page.Locator("details.scenario").Last;
        await last.ScrollIntoViewIfNeededAsync();
        await last.Locator("summary").ClickAsync();

        await last.Locator(".step table.checks").WaitForAsync();

        Assert.That(await last.GetAttributeAsync("data-drawn"), Is.EqualTo("true"));
    }
}
