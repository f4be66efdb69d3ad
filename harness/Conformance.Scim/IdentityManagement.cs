using System.Collections.Concurrent;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Scim.Provisioning;
using Conformance.Scim.Transport;
using Polly;

namespace Conformance.Scim;

/// <summary>
/// One organisation's SCIM 2.0 Identity Management: an <see cref="IdmIntegration"/> per application, all sharing one
/// pooled HTTP client whose exchanges are captured (channel "scim", secrets redacted) and one bounded work queue.
/// </summary>
public sealed class IdentityManagement : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, IdmIntegration> _integrations = new(StringComparer.Ordinal);
    private readonly Lock _outboxGate = new();
    private readonly List<OutboxNotification> _outbox = [];
    private readonly ResiliencePipeline<ScimAnswer> _pipeline;

    public IdentityManagement(IdentityManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _pipeline = ScimClient.Pipeline(options.Engine, options.Time, options.Redactor);
        _http = new HttpClient(new CapturingHandler(options.Exchanges, options.Redactor, options.Time, Channels.Scim)
        {
            InnerHandler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = options.Engine.Concurrency,
            },
        })
        {
            // Each attempt has its own timeout on the organisation's clock (ScimEngineOptions.Timeout).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Queue = new PushQueue(options.Engine.Concurrency);
        options.Directory.Changed += OnDirectoryChanged;
        options.Catalog.Changed += OnCatalogChanged;
    }

    public IdentityManagementOptions Options { get; }

    /// <summary>Notifications sent to the administrator (completed background imports), oldest first.</summary>
    public IReadOnlyList<OutboxNotification> Outbox
    {
        get { lock (_outboxGate) { return [.. _outbox]; } }
    }

    internal PushQueue Queue { get; }

    /// <summary>One administrator: IdM tab actions of the organisation happen one at a time.</summary>
    internal SemaphoreSlim Admin { get; } = new(1, 1);

    /// <summary>The Identity Management tab of an application (by id, display label or SSO suffix).</summary>
    public IdmIntegration For(string appIdOrLabel)
    {
        var app = Options.Catalog.Get(appIdOrLabel);
        return _integrations.GetOrAdd(app.Id, _ => new IdmIntegration(this, app));
    }

    /// <summary>
    /// Completes once every push queued so far (and what those queued in turn) has been attempted and logged.
    /// Throws <see cref="InvalidOperationException"/> when the engine itself crashed.
    /// </summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default) => Queue.WhenIdleAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Options.Directory.Changed -= OnDirectoryChanged;
        Options.Catalog.Changed -= OnCatalogChanged;
        foreach (var integration in _integrations.Values)
        {
            integration.Stop();
        }
        try
        {
            await Queue.WhenIdleAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Crashes were for the scenario to see; disposal only needs the queue drained.
        }
        foreach (var integration in _integrations.Values)
        {
            integration.Release();
        }
        _http.Dispose();
        Queue.Dispose();
        Admin.Dispose();
    }

    internal ScimClient Client(IdmSettings settings) =>
        new(_http, settings, Options.Engine, _pipeline, Options.Time, Options.Redactor);

    internal void Notify(string text)
    {
        lock (_outboxGate)
        {
            _outbox.Add(new OutboxNotification(Options.Time.GetUtcNow(), text));
        }
    }

    private void OnDirectoryChanged(DirectoryChange change)
    {
        foreach (var integration in _integrations.Values)
        {
            integration.OnDirectoryChanged(change);
        }
    }

    private void OnCatalogChanged(ApplicationChange change)
    {
        if (change is ApplicationChange.Deleted deleted)
        {
            // Kept (stopped) so that disposal still releases its sessions; For() of the id now fails in the catalogue.
            if (_integrations.TryGetValue(deleted.App.Id, out var gone))
            {
                gone.Stop();
            }
            return;
        }
        foreach (var integration in _integrations.Values)
        {
            integration.OnCatalogChanged(change);
        }
    }
}
