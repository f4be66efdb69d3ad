using Conformance.Scim.Transport;

namespace Conformance.Scim.Provisioning;

/// <summary>
/// One activation of an integration. Work queued under it is skipped once the integration is deactivated, and
/// requests in flight are cancelled (they end with a failed DI event).
/// </summary>
internal sealed class ActiveSession(ScimClient client) : IDisposable
{
    private readonly CancellationTokenSource _end = new();
    private ScimClient _client = client;

    /// <summary>The client for the current settings (an update while active swaps it).</summary>
    public ScimClient Client
    {
        get => Volatile.Read(ref _client);
        set => Volatile.Write(ref _client, value);
    }

    public CancellationToken Token => _end.Token;

    public bool Ended => _end.IsCancellationRequested;

    public void End() => _end.Cancel();

    /// <summary>Only once no queued work can read <see cref="Token"/> any more (the organisation is disposed).</summary>
    public void Dispose() => _end.Dispose();
}
