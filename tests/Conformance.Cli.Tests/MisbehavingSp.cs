using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conformance.Cli.Tests;

/// <summary>How a <see cref="MisbehavingSp"/> answers every request after the harness's reachability check.</summary>
public enum Misbehaviour
{
    /// <summary>Reads the request and never answers.</summary>
    Hang,

    /// <summary>Closes the connection without an answer.</summary>
    Drop,

    /// <summary>200, labelled SCIM, with a body cut off mid-JSON.</summary>
    Garbage,

    /// <summary>A well-formed empty SCIM list, labelled text/html (what a proxy's login page looks like).</summary>
    WrongType,

    /// <summary>Accepts the reachability check, then stops listening: every later connection is refused.</summary>
    Refuse,

    /// <summary>200 with a 17 MiB body: more than the harness reads.</summary>
    Huge,

    /// <summary>429 asking to wait a day before retrying.</summary>
    WaitADay,
}

/// <summary>
/// An SP on loopback that misbehaves on the wire in one way, at the socket level (no web framework to smooth it over),
/// for the tests of what the harness reports and with which exit code.
/// </summary>
internal sealed class MisbehavingSp : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Misbehaviour _misbehaviour;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private readonly Task _accepting;

    public MisbehavingSp(Misbehaviour misbehaviour)
    {
        _misbehaviour = misbehaviour;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(client);
                }
                if (_misbehaviour == Misbehaviour.Refuse)
                {
                    // The first connection is the harness's reachability check; after it nobody listens.
                    _listener.Stop();
                    return;
                }
                _ = ServeAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            while (await ReadRequestAsync(stream))
            {
                switch (_misbehaviour)
                {
                    case Misbehaviour.Hang:
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    case Misbehaviour.Drop:
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Close();
                        return;
                    case Misbehaviour.Garbage:
                        await AnswerAsync(stream, "application/scim+json", """{"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": """);
                        break;
                    case Misbehaviour.Huge:
                        await AnswerAsync(stream, "application/scim+json", "{\"detail\": \"" + new string('x', 17 * 1024 * 1024) + "\"}");
                        break;
                    case Misbehaviour.WaitADay:
                        await AnswerAsync(stream, "application/scim+json", """{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "429", "detail": "Slow down"}""", "429 Too Many Requests", "Retry-After: 86400\r\n");
                        break;
                    case Misbehaviour.WrongType:
                        await AnswerAsync(stream, "text/html", """{"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0, "Resources": []}""");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The harness hung up or the test stopped the SP.
        }
    }

    /// <summary>Reads one request (headers and a Content-Length body); false when the connection ended first.</summary>
    private static async Task<bool> ReadRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return false;
            }
            head.Append((char)one[0]);
        }
        var length = head.ToString().Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return true;
    }

    private static async Task AnswerAsync(NetworkStream stream, string contentType, string body, string status = "200 OK", string headers = "")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n{headers}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_held)
        {
            foreach (var client in _held)
            {
                client.Dispose();
            }
        }
        _stop.Dispose();
    }
}
