using System.Net;
using System.Net.Sockets;

namespace Conformance.Saml.Attacks;

/// <summary>
/// The harness URL the XXE case's external entity points at: a loopback socket that only counts who
/// connects. A parser that processes the DTD fetches it while the ACS request is still running.
/// </summary>
public sealed class FetchListener : IAsyncDisposable
{
    private static readonly byte[] NotFound = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    private FetchListener()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public static FetchListener Start() => new();

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/xxe");

    /// <summary>Connections accepted, plus one still in the backlog: a fetch counts before the loop gets to it.</summary>
    public int Fetches => Volatile.Read(ref _accepted) + (_listener.Pending() ? 1 : 0);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or ObjectDisposedException or SocketException)
            {
                // Disposed: the listener stopped under the accept (which of these it throws depends on the timing).
                return;
            }
            using (client)
            {
                Interlocked.Increment(ref _accepted);
                try
                {
                    await client.GetStream().WriteAsync(NotFound, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // The fetcher hung up before the answer; it has been counted, and the next one will be too.
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
