using Microsoft.Playwright;

namespace Conformance.Browser.Tests;

/// <summary>How a portal walk reads pages: the portal's answers, and what axe-core finds wrong with them.</summary>
public class PortalPageTests : InChromium
{
    private static readonly Uri Portal = new("http://portal.test/portal/start");

    private IPage _page = null!;

    [SetUp]
    public async Task OpenAsync() => _page = await Browser.NewPageAsync();

    [TearDown]
    public Task ClosePageAsync() => _page.CloseAsync();

    /// <summary>Serves <paramref name="body"/> (inside an accessible document) at every path of the fake portal.</summary>
    private Task<PortalPage> ServeAsync(string body) =>
        ServeDocumentAsync($"<!DOCTYPE html><html lang=\"en\"><head><title>Portal</title></head><body><main><h1>Portal</h1>{body}</main></body></html>");

    private async Task<PortalPage> ServeDocumentAsync(string document)
    {
        await _page.RouteAsync("http://portal.test/**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = document }));
        return new PortalPage(_page, Portal, _ => Task.CompletedTask);
    }

    [Test]
    public async Task Submit_ToAPageThatShowsAnAlert_ReadsItAsARefusal()
    {
        var portal = await ServeAsync("<p class=\"error\" role=\"alert\">Enter the number of the applications you are deleting (1).</p><form method=\"get\" action=\"/portal/next\"><button id=\"go\">Go</button></form>");
        await portal.OpenAsync("/portal/start", "submit-alert-start");

        var answer = await portal.SubmitAsync("#go", "submit-alert-next");

        Assert.That(answer, Is.EqualTo(new PortalAnswer("Enter the number of the applications you are deleting (1).", Refused: true)));
    }

    [Test]
    public async Task Submit_ToAPageThatSaysNothing_HasNoAnswer()
    {
        var portal = await ServeAsync("<form method=\"get\" action=\"/portal/next\"><button id=\"go\">Go</button></form>");
        await portal.OpenAsync("/portal/start", "submit-silent-start");

        Assert.That(await portal.SubmitAsync("#go", "submit-silent-next"), Is.Null);
    }

    [Test]
    public async Task Open_APageWithAnUnlabelledField_RecordsTheAxeViolation()
    {
        var portal = await ServeAsync("<form><input type=\"text\" id=\"nameless\"></form>");

        await portal.OpenAsync("/portal/start", "axe-unlabelled-field");

        Assert.That(portal.AccessibilityViolations, Has.Some.Contains("axe-unlabelled-field (/portal/start): label"));
    }

    [Test]
    public async Task Open_ADocumentWithoutLanguageOrTitle_RecordsTheRulesOfTheWholePage()
    {
        var portal = await ServeDocumentAsync("<!DOCTYPE html><html><head></head><body><main><h1>Portal</h1></main></body></html>");

        await portal.OpenAsync("/portal/start", "axe-page-level");

        Assert.That(portal.AccessibilityViolations, Has.Some.Contains("axe-page-level (/portal/start): html-has-lang").And.Some.Contains("axe-page-level (/portal/start): document-title"));
    }

    [Test]
    public async Task Open_AnAccessiblePage_RecordsNoViolation()
    {
        var portal = await ServeAsync("<form><label for=\"named\">Name</label><input type=\"text\" id=\"named\"></form>");

        await portal.OpenAsync("/portal/start", "axe-labelled-field");

        Assert.That(portal.AccessibilityViolations, Is.Empty);
    }
}
