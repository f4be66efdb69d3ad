using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Harness;

/// <summary>
/// The client of the SP control API (docs/sp-control-api.md): how the harness sets and reads SP-side
/// state on an SP it controls. Every call is captured (channel "control") as evidence of what the
/// harness did to the SP.
/// </summary>
public sealed class SpControl(Uri baseUrl, HttpMessageHandler handler, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new(handler) { BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/"), Timeout = timeout };

    /// <summary>A client for the target's control API: its address and timeout, every exchange captured on "control".</summary>
    public static SpControl Create(Targets.ControlSpec control, IExchangeSink sink, Redactor redactor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(control);
        return new(new Uri(control.BaseUrl), new CapturingHandler(sink, redactor, time, Channels.Control) { InnerHandler = new SocketsHttpHandler() }, TimeSpan.FromSeconds(control.TimeoutSeconds));
    }

    public Task ResetAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, "reset", null, cancellationToken);

    public async Task<string> GenerateTokenAsync(CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "token", null, cancellationToken).ConfigureAwait(false))?["token"]?.GetValue<string>()
        ?? throw new SpFaultException("the SP's control API answered POST /token without a token");

    /// <summary>Makes a token the SP issued before current again (capability <c>token</c>).</summary>
    public Task RestoreTokenAsync(string token, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, "token", new JsonObject { ["token"] = token }, cancellationToken);

    public Task ConfigureSamlAsync(JsonObject settings, CancellationToken cancellationToken) => SendAsync(HttpMethod.Put, "saml", settings, cancellationToken);

    public async Task<JsonObject> GetSamlAsync(CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, "saml", null, cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];

    public async Task<JsonArray> SessionsAsync(CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, "sessions", null, cancellationToken).ConfigureAwait(false)) as JsonArray ?? [];

    /// <summary>The SP's stored user, or null when it has none by that userName.</summary>
    public Task<JsonNode?> GetUserAsync(string userName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "users/" + Uri.EscapeDataString(userName), null, cancellationToken, notFoundIsNull: true);

    public Task SetRecordingsAsync(string userName, int count, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"users/{Uri.EscapeDataString(userName)}/recordings", new JsonObject { ["count"] = count }, cancellationToken);

    public Task AddFaultAsync(JsonObject fault, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, "faults", fault, cancellationToken);

    public Task ClearFaultsAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Delete, "faults", null, cancellationToken);

    public Task SetDefenceAsync(string name, bool enabled, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, "defences/" + Uri.EscapeDataString(name), new JsonObject { ["enabled"] = enabled }, cancellationToken);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SpFaultException($"the SP's control API did not answer {method} {path}: {(ex is TaskCanceledException ? $"no answer within {_http.Timeout.TotalSeconds:0} s" : ex.Message)}", ex);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new SpFaultException($"the SP's control API answered {method} {path} with {(int)response.StatusCode}: {Shorten(text)}");
            }
            try
            {
                return text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new SpFaultException($"the SP's control API answered {method} {path} with something that is not JSON: {Shorten(text)}", ex);
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _http.Dispose();
}
