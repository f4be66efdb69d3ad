using System.Globalization;
using Microsoft.Playwright;

namespace Conformance.Browser;

/// <summary>
/// One person at one headless Debian chromium: a single tab in a browser context of its own, whose cookies last as long
/// as the session and are seen by no other session. Every page reached is saved as a full-page screenshot (NN-what.png).
/// Start with <see cref="StartAsync"/>; <c>await using</c> closes the context, never the host's chromium. Not for use by
/// two flows at once.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string LoginFormSelector = "#username";
    private const string TileSelector = "a.tile";
    private const string NoAppsSelector = "#no-apps";
    private const string ErrorSelector = "#error";
    private const string SessionUserSelector = "#session-user";

    /// <summary>What a page is, from what is on it, most telling first; the name goes into the screenshot's file name.</summary>
    private static readonly (string Selector, string Name)[] Landmarks =
    [
        (SessionUserSelector, "sp-session"), (TileSelector, "user-console"), (NoAppsSelector, "user-console"), (ErrorSelector, "error"), (LoginFormSelector, "login"),
    ];

    private readonly BrowserSessionOptions _options;
    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private int _shots;

    private BrowserSession(BrowserSessionOptions options, IBrowserContext context, IPage page)
    {
        _options = options;
        _context = context;
        _page = page;
        _shots = options.NumberedBefore;
    }

    public string ArtifactsFolder => _options.ArtifactsFolder;

    /// <summary>
    /// Opens a context in the host's chromium (launching it on first use); throws <see cref="BrowserUnavailableException"/>
    /// when chromium is not installed.
    /// </summary>
    public static async Task<BrowserSession> StartAsync(BrowserSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = await options.Browser.NewContextAsync().ConfigureAwait(false);
        try
        {
            var timeout = (float)options.NavigationTimeout.TotalMilliseconds;
            context.SetDefaultTimeout(timeout);
            context.SetDefaultNavigationTimeout(timeout);
            var page = await context.NewPageAsync().ConfigureAwait(false);
            Directory.CreateDirectory(options.ArtifactsFolder);
            return new BrowserSession(options, context, page);
        }
        catch
        {
            await context.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// "Access the JumpCloud User Console - Go to Applications and click an application tile": opens the
    /// console, logs in when sent to the login page, clicks the tile of <paramref name="appId"/> and
    /// follows the auto-posted Response to the SP's page.
    /// </summary>
    public Task<BrowserOutcome> IdpInitiatedAsync(string userConsoleUrl, string username, string password, string appId, string? follow = null) =>
        RunAsync("idp-initiated", password, follow, async shots =>
        {
            await GoToAsync(userConsoleUrl).ConfigureAwait(false);
            var reached = await ReachAsync(shots, LoginFormSelector, TileSelector, NoAppsSelector).ConfigureAwait(false);
            if (reached == LoginFormSelector)
            {
                await LogInAsync(username, password).ConfigureAwait(false);
                reached = await ReachAsync(shots, TileSelector, NoAppsSelector, ErrorSelector).ConfigureAwait(false);
            }
            if (reached == ErrorSelector)
            {
                return null;
            }
            var tile = _page.Locator(TileSelector + PortalPage.AttributeIs("data-app-id", appId));
            if (await tile.CountAsync().ConfigureAwait(false) == 0)
            {
                return $"The User Console shows no tile for application '{appId}'.";
            }
            await tile.ClickAsync().ConfigureAwait(false);
            await ReachSpAsync(shots).ConfigureAwait(false);
            return null;
        });

    /// <summary>
    /// "Login redirects the user to JumpCloud where the user enters their JumpCloud credentials": opens the
    /// SP's login link, logs in on the IdP's form when it shows, and follows the Response back to the SP.
    /// </summary>
    public Task<BrowserOutcome> SpInitiatedAsync(string spLoginUrl, string username, string password, string? follow = null) =>
        RunAsync("sp-initiated", password, follow, async shots =>
        {
            await GoToAsync(spLoginUrl).ConfigureAwait(false);
            if (await ReachAsync(shots, LoginFormSelector, SessionUserSelector, ErrorSelector).ConfigureAwait(false) == LoginFormSelector)
            {
                await LogInAsync(username, password).ConfigureAwait(false);
                await ReachSpAsync(shots).ConfigureAwait(false);
            }
            return null;
        });

    /// <summary>
    /// An Admin Portal click path: signs in as the administrator unless this session already has, then hands the portal to <paramref name="clicks"/>
    /// (which returns why it could not go on, or null). Every page is screenshotted; the password is scrubbed.
    /// </summary>
    public Task<BrowserOutcome> PortalAsync(string flow, PortalSignIn signIn, Func<PortalPage, Task<string?>> clicks)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(clicks);
        return RunAsync(flow, signIn.Password, null, async shots =>
        {
            var portal = new PortalPage(_page, signIn.PortalUrl, what => ShotAsync(what, shots));
            // A session that signed in for an earlier path is still on the portal, signed in: the portal only asks once,
            // and each path opens its own first page.
            var onPortal = Uri.TryCreate(_page.Url, UriKind.Absolute, out var here)
                && Uri.Compare(here, signIn.PortalUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            if (!onPortal)
            {
                await _page.GotoAsync(signIn.PortalUrl.AbsoluteUri).ConfigureAwait(false);
            }
            if (await portal.HasAsync("#admin-email").ConfigureAwait(false))
            {
                await ShotAsync("portal-sign-in", shots).ConfigureAwait(false);
                await portal.FillAsync("#admin-email", signIn.Email).ConfigureAwait(false);
                await portal.FillAsync("#admin-password", signIn.Password).ConfigureAwait(false);
                await portal.SubmitAsync("#admin-login", "portal-signed-in").ConfigureAwait(false);
            }
            return await clicks(portal).ConfigureAwait(false);
        });
    }

    public ValueTask DisposeAsync() => new(_context.CloseAsync());

    /// <summary>Runs one flow (which returns a failure or null) and turns whatever happened into an outcome.</summary>
    private async Task<BrowserOutcome> RunAsync(string flow, string password, string? follow, Func<Shots, Task<string?>> steps)
    {
        _options.Redactor.AddSecret(password);
        var shots = new Shots();
        if (_options.RecordTrace)
        {
            await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Title = flow }).ConfigureAwait(false);
        }
        string? failure;
        try
        {
            failure = await steps(shots).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            failure = Describe(ex);
            await SettleAfterFailureAsync(shots).ConfigureAwait(false);
        }
        var (sessionUser, pageText) = failure is null ? await ReadSessionAsync(shots).ConfigureAwait(false) : (null, "");
        var signedInError = await TextOfAsync(ErrorSelector).ConfigureAwait(false);
        var (followedTo, followFailure) = failure is null && follow is not null ? await FollowAsync(follow, shots).ConfigureAwait(false) : (null, null);
        string? trace = null;
        if (_options.RecordTrace)
        {
            trace = Path.Combine(_options.ArtifactsFolder, $"{Next()}-{flow}-trace.zip");
            await _context.Tracing.StopAsync(new TracingStopOptions { Path = trace }).ConfigureAwait(false);
            TraceScrubber.Scrub(trace, _options.Redactor);
        }
        return new BrowserOutcome
        {
            FinalUrl = Redact(_page.Url),
            SessionUser = sessionUser,
            PageText = pageText,
            FollowedTo = followedTo,
            FollowFailure = followFailure,
            Error = signedInError,
            Failure = failure is null ? null : Redact(failure),
            Screenshots = shots.Paths,
            Trace = trace is null ? null : Relative(trace),
            Titles = shots.Titles,
        };
    }

    /// <summary>
    /// Waits until the browser has come back to the SP and settled (or an #error page shows): with an SP origin the
    /// landing needs no markup of the SP's; without one, the bundled SPs' #session-user marks it.
    /// </summary>
    private async Task ReachSpAsync(Shots shots)
    {
        if (_options.SpOrigin is not { } sp)
        {
            await ReachAsync(shots, SessionUserSelector, ErrorSelector).ConfigureAwait(false);
            return;
        }
        var deadline = DateTime.UtcNow + _options.NavigationTimeout;
        while (true)
        {
            if (Uri.TryCreate(_page.Url, UriKind.Absolute, out var here)
                && Uri.Compare(here, sp, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
            {
                await LoadedAsync().ConfigureAwait(false);
                // The ACS may answer with a page that redirects by script or form: settle once more before reading it.
                await NetworkQuietAsync().ConfigureAwait(false);
                await ShotAsync("sp", shots).ConfigureAwait(false);
                return;
            }
            if (await TextOfAsync(ErrorSelector).ConfigureAwait(false) is not null)
            {
                await ShotAsync("error", shots).ConfigureAwait(false);
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timeout {_options.NavigationTimeout.TotalMilliseconds:0}ms exceeded: the browser never came back to the SP at {sp.GetLeftPart(UriPartial.Authority)} (last page {_page.Url}).");
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Clicks a link of the SP's signed-in page (<paramref name="selector"/>, from the target) as the user would, and
    /// waits for wherever it leads: the landing URL, or why it could not be followed.
    /// </summary>
    private async Task<(string? Url, string? Failure)> FollowAsync(string selector, Shots shots)
    {
        try
        {
            var link = _page.Locator(selector).First;
            if (await _page.Locator(selector).CountAsync().ConfigureAwait(false) == 0)
            {
                return (null, $"The SP's signed-in page has nothing matching '{selector}' to click.");
            }
            var before = _page.Url;
            await link.ClickAsync().ConfigureAwait(false);
            await _page.WaitForURLAsync(url => url != before, new PageWaitForURLOptions { Timeout = (float)_options.NavigationTimeout.TotalMilliseconds }).ConfigureAwait(false);
            await LoadedAsync().ConfigureAwait(false);
            // An SP may sign out on a page of its own that moves on by script or form: where the user ends up counts.
            await NetworkQuietAsync().ConfigureAwait(false);
            await ShotAsync("followed", shots).ConfigureAwait(false);
            return (Redact(_page.Url), null);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return (Redact(_page.Url), $"Following '{selector}' on the SP's page: {Describe(ex)}");
        }
    }

    /// <summary>Who the SP says is signed in: its session page (when given) read with the browser's cookies, else the page the flow ended on.</summary>
    private async Task<(string? User, string Text)> ReadSessionAsync(Shots shots)
    {
        try
        {
            if (_options.SessionUrl is { } url)
            {
                await _page.GotoAsync(url).ConfigureAwait(false);
                await ShotAsync("sp-session-page", shots).ConfigureAwait(false);
            }
            var html = await _page.ContentAsync().ConfigureAwait(false);
            var text = Redact(System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", " ", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))));
            if (_options.SessionUserPattern is not { } pattern)
            {
                return (await TextOfAsync(SessionUserSelector).ConfigureAwait(false), text);
            }
            var match = System.Text.RegularExpressions.Regex.Match(html, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            var group = match.Groups["user"].Success ? match.Groups["user"] : match.Groups[0];
            return (match.Success ? Redact(System.Net.WebUtility.HtmlDecode(group.Value).Trim()) : null, text);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return (null, "");
        }
    }

    /// <summary>Waits only for the response to start: what the page then shows is what <see cref="ReachAsync"/> waits for.</summary>
    private Task<IResponse?> GoToAsync(string url) => _page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

    /// <summary>
    /// Waits until one of <paramref name="expected"/> is on the page (through redirects and auto-posted
    /// forms), takes the screenshot, and returns the landmark the page shows.
    /// </summary>
    private async Task<string> ReachAsync(Shots shots, params string[] expected)
    {
        await _page.Locator(string.Join(", ", expected)).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached }).ConfigureAwait(false);
        await LoadedAsync().ConfigureAwait(false);
        foreach (var (selector, name) in Landmarks.Where(l => expected.Contains(l.Selector)))
        {
            if (await _page.Locator(selector).CountAsync().ConfigureAwait(false) > 0)
            {
                await ShotAsync(name, shots).ConfigureAwait(false);
                return selector;
            }
        }
        throw new PlaywrightException($"The page changed again before it could be read (waiting for {string.Join(", ", expected)}).");
    }

    /// <summary>
    /// Waits until the page's document has loaded, as the document itself says. Playwright's load-state wait can miss the
    /// load event of a document committed from an auto-posted form (the IdP's launch page posting to the ACS) and then
    /// waits out its whole timeout on a page that finished long before: a harness race that would read as the SP's
    /// failure. Polling readyState goes on across navigations, so the document waited for is the one in the tab.
    /// </summary>
    private async Task LoadedAsync()
    {
        var done = await _page.WaitForFunctionAsync("() => document.readyState === 'complete'").ConfigureAwait(false);
        await done.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Up to 5 s for the network to go quiet (500 ms with nothing in flight); a page that keeps it busy is read as it is now.</summary>
    private async Task NetworkQuietAsync()
    {
        try
        {
            await _page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 5000 }).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing more to wait for: what the page shows now is what the user sees.
        }
    }

    private async Task LogInAsync(string username, string password)
    {
        await _page.Locator("#username").FillAsync(username).ConfigureAwait(false);
        await _page.Locator("#password").FillAsync(password).ConfigureAwait(false);
        await _page.Locator("#login").ClickAsync().ConfigureAwait(false);
    }

    private async Task ShotAsync(string what, Shots shots)
    {
        var path = Path.Combine(_options.ArtifactsFolder, $"{Next()}-{what}.png");
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }).ConfigureAwait(false);
        shots.Paths.Add(Relative(path));
        shots.Titles.Add(Redact(await _page.TitleAsync().ConfigureAwait(false)));
    }

    /// <summary>
    /// A navigation that never answers stays pending, and Playwright waits for it before reading the page:
    /// stop it, as a person would press Esc, then keep what is on the screen. Either may fail on a broken
    /// page, which must not hide the failure already recorded.
    /// </summary>
    private async Task SettleAfterFailureAsync(Shots shots)
    {
        try
        {
            var cdp = await _context.NewCDPSessionAsync(_page).ConfigureAwait(false);
            await cdp.SendAsync("Page.stopLoading").ConfigureAwait(false);
            await cdp.DetachAsync().ConfigureAwait(false);
            await ShotAsync("failure", shots).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The screenshot is a nicety; the flow's failure is what the outcome reports.
        }
    }

    private async Task<string?> TextOfAsync(string selector)
    {
        try
        {
            var element = _page.Locator(selector).First;
            if (await element.CountAsync().ConfigureAwait(false) == 0)
            {
                return null;
            }
            var text = await element.TextContentAsync(new LocatorTextContentOptions { Timeout = 1000 }).ConfigureAwait(false);
            return text is null ? null : Redact(text.Trim());
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return null; // the page is still navigating: it shows no such text yet
        }
    }

    /// <summary>Playwright's first line ("Timeout 15000ms exceeded.") and the first call-log line saying what it was doing.</summary>
    private static string Describe(Exception ex)
    {
        var lines = ex.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var doing = lines.FirstOrDefault(l => l.StartsWith("- ", StringComparison.Ordinal));
        return doing is null ? lines[0] : $"{lines[0].TrimEnd('.')}: {doing[2..]}";
    }

    private string Next() => (++_shots).ToString("00", CultureInfo.InvariantCulture);

    private string Relative(string path) => Path.GetRelativePath(_options.RunFolder, path).Replace('\\', '/');

    private string Redact(string? text) => _options.Redactor.Redact(text) ?? "";

    private sealed class Shots
    {
        public List<string> Paths { get; } = [];
        public List<string> Titles { get; } = [];
    }
}
