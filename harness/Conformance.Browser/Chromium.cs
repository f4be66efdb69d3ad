using Microsoft.Playwright;

namespace Conformance.Browser;

/// <summary>Launches Debian's chromium through Playwright's driver; <c>playwright install</c> is never needed.</summary>
public static class Chromium
{
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>
    /// The browser the harness drives: CONFORMANCE_CHROMIUM when set (a CI image whose Chromium or Chrome lives elsewhere,
    /// such as a hosted runner's preinstalled Chrome), else Debian's chromium.
    /// </summary>
    public static string Path => Environment.GetEnvironmentVariable("CONFORMANCE_CHROMIUM") is { Length: > 0 } chosen ? chosen : DebianPath;

    /// <summary>No sandbox (root in containers), and nothing that reaches the network on its own.</summary>
    public static readonly IReadOnlyList<string> Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>Throws <see cref="BrowserUnavailableException"/> before starting the driver when chromium is missing.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(string executablePath)
    {
        if (!File.Exists(executablePath))
        {
            throw new BrowserUnavailableException(executablePath);
        }
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executablePath,
                Headless = true,
                Args = Args,
                Timeout = 60_000,
            }).ConfigureAwait(false);
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
