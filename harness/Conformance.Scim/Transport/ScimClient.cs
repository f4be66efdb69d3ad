using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Http;

namespace Conformance.Scim.Transport;

/// <summary>
/// SCIM requests to one SP with one token, over the organisation's pooled client: per-attempt timeout,
/// bounded retries with exponential backoff on 429, 5xx, timeouts and dropped connections, Retry-After honoured.
/// </summary>
internal sealed class ScimClient(
    HttpClient http,
    IdmSettings settings,
    ScimEngineOptions options,
    TimeProvider time,
    Redactor redactor,
    Func<TimeSpan, CancellationToken, Task> delay)
{
    // RFC 7644 3.1: "the SCIM media type application/scim+json".
    private const string ScimMediaType = "application/scim+json";

    public IdmSettings Settings => settings;

    /// <summary>Sends one logical request; the answer's JSON object, or null for an empty body (204).</summary>
    public async Task<JsonObject?> SendAsync(HttpMethod method, string relativePath, JsonNode? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(settings.BaseUrl.AbsoluteUri.TrimEnd('/') + relativePath);
        var payload = body?.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string failure;
            TimeSpan? retryAfter = null;
            using (var timeout = new CancellationTokenSource(options.Timeout, time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    using var request = new HttpRequestMessage(method, uri);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimMediaType));
                    if (payload is not null)
                    {
                        request.Content = new StringContent(payload, Encoding.UTF8, ScimMediaType);
                    }
                    using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
                    var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return Parse(text, response.Content.Headers.ContentType?.MediaType);
                    }
                    var error = Error(response, text);
                    if (!IsRetryable(response.StatusCode) || attempt > options.MaxRetries)
                    {
                        throw error;
                    }
                    failure = error.Message;
                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                    if (retryAfter > options.MaxBackoff)
                    {
                        // Retrying sooner than asked would be the IdP's fault; waiting longer than the target allows
                        // would stall the run: the SP's answer stands, named.
                        throw new ScimRequestException(error.Status, error.ScimType,
                            $"{error.Message} (the SP asked to wait {retryAfter.Value.TotalSeconds:0} s before retrying, longer than the {options.MaxBackoff.TotalSeconds:0} s the target allows: not retried)");
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"No answer from the SP within {options.Timeout.TotalSeconds:0.###} s.";
                }
                catch (HttpRequestException ex)
                {
                    failure = redactor.Redact(ex.Message) ?? "The connection to the SP failed.";
                }
            }
            if (attempt > options.MaxRetries)
            {
                throw new ScimRequestException(0, null, $"{failure} (gave up after {attempt} attempts)");
            }
            var wait = retryAfter ?? Backoff(attempt);
            // A computed backoff is capped; a Retry-After within the cap is honoured as asked.
            await delay(wait < options.MaxBackoff ? wait : options.MaxBackoff, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>RFC 6585 4 (429) and RFC 9110 15.6 (5xx other than 501/505, which will not get better by waiting).</summary>
    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan Backoff(int attempt) => options.InitialBackoff * Math.Pow(2, attempt - 1);

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>
    /// A SCIM answer is JSON labelled application/scim+json (RFC 7644 3.8) or, as older SCIM services do and the media
    /// type's registration allows, application/json. Anything else (an HTML login page of a proxy, text/plain) is not
    /// the SP's SCIM answer, even when its body happens to parse.
    /// </summary>
    private JsonObject? Parse(string text, string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (mediaType is not null && !mediaType.Equals(ScimMediaType, StringComparison.OrdinalIgnoreCase) && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ScimRequestException($"The SP's answer is labelled '{mediaType}', not application/scim+json (RFC 7644 3.8).");
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new ScimRequestException("The SP answered with JSON that is not a SCIM resource object.");
        }
        catch (JsonException ex)
        {
            throw new ScimRequestException($"The SP's answer is not JSON: {redactor.Redact(ex.Message)}", ex);
        }
    }

    /// <summary>RFC 7644 3.12: the error's <c>detail</c> becomes the message; without one, the status line does.</summary>
    private ScimRequestException Error(HttpResponseMessage response, string text)
    {
        string? detail = null;
        string? scimType = null;
        try
        {
            if (JsonNode.Parse(text) is JsonObject error)
            {
                detail = (error["detail"] as JsonValue)?.ToString();
                scimType = (error["scimType"] as JsonValue)?.ToString();
            }
        }
        catch (JsonException)
        {
            // Not a SCIM error body; the status line below says what happened.
        }
        var message = string.IsNullOrWhiteSpace(detail) ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd() : detail;
        return new ScimRequestException((int)response.StatusCode, scimType, redactor.Redact(message) ?? message);
    }
}
