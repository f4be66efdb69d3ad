using Microsoft.Playwright;

namespace Conformance.Browser;

/// <summary>
/// One chromium and its Playwright driver for the sessions of one worker: launched when the first session starts (starting
/// both costs more than most flows), each session in a browser context of its own so that no cookie passes from one flow
/// to the next, and closed when the owner disposes it. Several sessions may be open on it at once (a scenario's administrator
/// and its user); a host belongs to one worker, whose scenarios run one after another.
/// </summary>
public sealed class BrowserHost(string executablePath) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private bool _disposed;

    /// <summary>How many times chromium was started on this host.</summary>
    internal int Launches { get; private set; }

    /// <summary>A fresh context (no cookies, no storage) in this host's chromium, started now when it is not running.</summary>
    internal async Task<IBrowserContext> NewContextAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is not { IsConnected: true })
            {
                // A chromium that crashed fails only the flow it was in: the next session starts another.
                await CloseAsync().ConfigureAwait(false);
                (_playwright, _browser) = await Chromium.LaunchAsync(executablePath).ConfigureAwait(false);
                Launches++;
            }
            return await _browser.NewContextAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CloseAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync().ConfigureAwait(false);
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
    }
}
