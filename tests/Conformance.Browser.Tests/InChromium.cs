using Microsoft.Playwright;

namespace Conformance.Browser.Tests;

/// <summary>A fixture with one Debian chromium for all its tests, closed after the last.</summary>
public abstract class InChromium
{
    protected IPlaywright Playwright { get; private set; } = null!;
    protected IBrowser Browser { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task LaunchChromiumAsync() => (Playwright, Browser) = await Chromium.LaunchAsync(Chromium.DebianPath);

    [OneTimeTearDown]
    public async Task CloseChromiumAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
