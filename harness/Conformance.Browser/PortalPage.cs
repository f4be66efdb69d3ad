using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Conformance.Browser;

/// <summary>The Admin Portal's signing-in administrator: where the portal is and who signs in.</summary>
public sealed record PortalSignIn(Uri PortalUrl, string Email, string Password);

/// <summary>What the portal said to the last form: its confirmation, or its refusal (<see cref="Refused"/>).</summary>
public sealed record PortalAnswer(string Text, bool Refused);

/// <summary>
/// The Admin Portal page of a signed-in administrator, as a person works it: open a page, fill, check, choose, press a
/// button and read what the portal answers. Every page a button leads to is screenshotted. Click paths are written
/// against it by the caller (the step library knows the guide's paths; this class knows only the browser).
/// </summary>
public sealed class PortalPage
{
    // Every answer of the portal is a role=status or role=alert paragraph whose class says which.
    private const string AnswerSelector = "p.done[role=status], p.error[role=alert]";

    private readonly IPage _page;
    private readonly Uri _origin;
    private readonly Func<string, Task> _shot;

    internal PortalPage(IPage page, Uri portalUrl, Func<string, Task> shot)
    {
        _page = page;
        _origin = new Uri(portalUrl.GetLeftPart(UriPartial.Authority));
        _shot = shot;
    }

    /// <summary>
    /// What axe-core (Deque.AxeCore.Playwright) found wrong on the pages of this walk, one line per rule and page: the
    /// portal stands in for JumpCloud's, and a person with a screen reader must be able to walk the same path.
    /// </summary>
    public IReadOnlyList<string> AccessibilityViolations => _violations;

    private readonly List<string> _violations = [];

    /// <summary>The portal's answer to the last button pressed with <see cref="SubmitAsync(string, string)"/>; null when it said nothing.</summary>
    public PortalAnswer? LastAnswer { get; private set; }

    /// <summary>Opens a portal path (<c>/portal/users</c>) and screenshots it.</summary>
    public async Task OpenAsync(string path, string shot)
    {
        await _page.GotoAsync(new Uri(_origin, path).AbsoluteUri).ConfigureAwait(false);
        await ArrivedAsync(shot).ConfigureAwait(false);
    }

    /// <summary>Page states (what the page was reached for, how many elements it names) axe-core already checked in this process.</summary>
    private static readonly ConcurrentDictionary<string, bool> Audited = new(StringComparer.Ordinal);

    /// <summary>The axe-core script bundled with Deque.AxeCore (the version Deque.AxeCore.Playwright would inject).</summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    private async Task ArrivedAsync(string shot)
    {
        await _shot(shot).ConfigureAwait(false);
        // Each state of a page is audited once per run, not on every visit: the portal's pages repeat.
        var named = await _page.Locator("[id]").CountAsync().ConfigureAwait(false);
        if (!Audited.TryAdd($"{shot}|{named}", true))
        {
            return;
        }
        // Deque's RunAxe runs the rules frame by frame and then finishes in a new page of a context of its own, over a second
        // a page; the portal has no frames, so axe.run in the page itself (every rule, the whole document) finds the same
        // violations in a tenth of the time, and the passes nobody reads are not collected.
        await _page.EvaluateAsync(AxeSource.Value).ConfigureAwait(false);
        var violations = await _page.EvaluateAsync<string[]>(
            "() => axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => `${v.id}: ${v.help}`))").ConfigureAwait(false);
        _violations.AddRange(violations.Select(v => $"{shot} ({new Uri(_page.Url).AbsolutePath}): {v}"));
    }

    public Task FillAsync(string selector, string value) => _page.Locator(selector).FillAsync(value);

    public Task SetCheckedAsync(string selector, bool on) => _page.Locator(selector).SetCheckedAsync(on);

    public Task SelectAsync(string selector, string value) => _page.Locator(selector).SelectOptionAsync(value);

    /// <summary>Clicks what does not leave the page (a disclosure, a radio button).</summary>
    public Task ClickAsync(string selector) => _page.Locator(selector).ClickAsync();

    /// <summary>Checks every enabled box matching <paramref name="selector"/>; how many that was.</summary>
    public async Task<int> CheckEveryAsync(string selector)
    {
        var boxes = await _page.Locator(selector).AllAsync().ConfigureAwait(false);
        var checkedCount = 0;
        foreach (var box in boxes)
        {
            if (await box.IsEnabledAsync().ConfigureAwait(false))
            {
                await box.CheckAsync().ConfigureAwait(false);
                checkedCount++;
            }
        }
        return checkedCount;
    }

    public async Task<bool> HasAsync(string selector) => await _page.Locator(selector).CountAsync().ConfigureAwait(false) > 0;

    /// <summary>
    /// Presses a button or link that loads a page (a form post or a link), waits for the new page, screenshots it and
    /// reads the portal's answer into <see cref="LastAnswer"/>.
    /// </summary>
    public Task<PortalAnswer?> SubmitAsync(string selector, string shot) => SubmitAsync(_page.Locator(selector), shot);

    private async Task<PortalAnswer?> SubmitAsync(ILocator target, string shot)
    {
        // A post may come back to the same URL: the old document's mark is how the new one is told apart.
        await _page.EvaluateAsync("() => { window.__portalStale = true; }").ConfigureAwait(false);
        await target.ClickAsync().ConfigureAwait(false);
        await _page.WaitForFunctionAsync("() => !window.__portalStale && document.readyState === 'complete'").ConfigureAwait(false);
        await ArrivedAsync(shot).ConfigureAwait(false);
        var answer = _page.Locator(AnswerSelector);
        LastAnswer = await answer.CountAsync().ConfigureAwait(false) == 0 ? null
            : new PortalAnswer((await answer.First.InnerTextAsync().ConfigureAwait(false)).Trim(), await answer.First.GetAttributeAsync("role").ConfigureAwait(false) == "alert");
        return LastAnswer;
    }

    /// <summary>A CSS attribute selector matching <paramref name="value"/> exactly, whatever it contains.</summary>
    public static string AttributeIs(string attribute, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return $"[{attribute}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
    }

    /// <summary>Follows the link in the row of <paramref name="rows"/> that shows <paramref name="text"/>; false when no row does.</summary>
    public async Task<bool> OpenRowAsync(string rows, string text, string shot)
    {
        var link = _page.Locator(rows).Filter(new LocatorFilterOptions { HasText = text }).Locator("a");
        if (await link.CountAsync().ConfigureAwait(false) == 0)
        {
            return false;
        }
        await SubmitAsync(link.First, shot).ConfigureAwait(false);
        return true;
    }
}
