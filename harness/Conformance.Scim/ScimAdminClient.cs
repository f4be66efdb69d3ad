using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Conformance.Scim.Transport;

namespace Conformance.Scim;

/// <summary>
/// The SP's SCIM API as its own administrator, a reader or the clean-up uses it (the IdP's pushes go through
/// <see cref="IdentityManagement"/>): the engine's transport rules — per-attempt timeout, retries on 429, 5xx,
/// timeouts and dropped connections, Retry-After, the SCIM media type — with every exchange captured on a channel
/// of its own, so none of it counts as a push.
/// </summary>
public sealed class ScimAdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ScimClient _client;

    public ScimAdminClient(Uri baseUrl, string token, ScimEngineOptions options, IExchangeSink sink, Redactor redactor, TimeProvider time, string channel)
    {
        ArgumentNullException.ThrowIfNull(time);
        var pipeline = ScimClient.Pipeline(options, time, redactor);
        _http = new HttpClient(new CapturingHandler(sink, redactor, time, channel) { InnerHandler = new SocketsHttpHandler() })
        {
            // Each attempt has its own timeout (ScimEngineOptions.Timeout).
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client = new ScimClient(_http, new IdmSettings { BaseUrl = baseUrl, Token = token }, options, pipeline, time, redactor);
    }

    /// <summary>
    /// One request (<paramref name="relativePath"/> after the base URL, e.g. <c>/Users?filter=…</c>): the answer's JSON
    /// object, or null for an empty body; <see cref="ScimRequestException"/> for an error status or a fault, named.
    /// </summary>
    public Task<JsonObject?> SendAsync(HttpMethod method, string relativePath, JsonNode? body, CancellationToken cancellationToken) =>
        _client.SendAsync(method, relativePath, body, cancellationToken);

    /// <summary>The query of a lookup by one attribute, quoted as the engine's own lookups are (RFC 7644 3.4.2.2).</summary>
    public static string EqualFilter(string attribute, string value) => ScimFilter.Equal(attribute, value);

    public void Dispose() => _http.Dispose();
}
