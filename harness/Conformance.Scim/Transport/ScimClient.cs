using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Conformance.Scim.Transport;

/// <summary>
/// SCIM requests to one SP with one token, over the organisation's pooled client and its resilience pipeline
/// (<see cref="Pipeline"/>): per-attempt timeout, bounded retries with exponential backoff on 429, 5xx, timeouts and
/// dropped connections, Retry-After honoured. Every attempt passes through the client's capturing handler.
/// </summary>
internal sealed class ScimClient(
    HttpClient http,
    IdmSettings settings,
    ScimEngineOptions options,
    ResiliencePipeline<ScimAnswer> pipeline,
    TimeProvider time,
    Redactor redactor)
{
    // RFC 7644 3.1: "the SCIM media type application/scim+json".
    private const string ScimMediaType = "application/scim+json";
    private const string ScimBodyContentType = ScimMediaType + "; charset=utf-8";

    // RFC 8259 4: names "SHOULD be unique", and which of two ids is the resource's is anyone's guess: such an answer is
    // refused as the SP's fault, as it is read, instead of later, by whichever caller first asks for a member.
    private static readonly JsonDocumentOptions AnswerOptions = new() { AllowDuplicateProperties = false };

    // Every request of the client carries these: composed once, not parsed into header objects per attempt.
    private readonly string _baseUrl = settings.BaseUrl.AbsoluteUri.TrimEnd('/');
    private readonly string _authorization = "Bearer " + settings.Token;

    public IdmSettings Settings => settings;

    /// <summary>
    /// The engine's transport rules on the organisation's clock: the retry (outer) waits between attempts, the timeout
    /// (inner) bounds each attempt. One pipeline serves every request of an organisation.
    /// </summary>
    public static ResiliencePipeline<ScimAnswer> Pipeline(ScimEngineOptions options, TimeProvider time, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = new ResiliencePipelineBuilder<ScimAnswer> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            var onRetry = options.OnRetry;
            builder.AddRetry(new RetryStrategyOptions<ScimAnswer>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.InitialBackoff,
                MaxDelay = options.MaxBackoff,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null ? IsTransient(args.Outcome.Exception) : args.Outcome.Result.Retryable),
                // A Retry-After within the cap is honoured as asked (a longer one was never retryable); else the backoff.
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Result.RetryAfter),
                OnRetry = onRetry is null ? null : args =>
                {
                    var reason = args.Outcome.Exception is { } ex ? Failure(ex, options, redactor) : args.Outcome.Result.Error?.Message ?? "";
                    onRetry(new ScimRetry(args.AttemptNumber + 1, args.RetryDelay, reason));
                    return default;
                },
            });
        }
        return builder.AddTimeout(options.Timeout).Build();
    }

    /// <summary>Sends one logical request; the answer's JSON object, or null for an empty body (204).</summary>
    public Task<JsonObject?> SendAsync(HttpMethod method, string relativePath, JsonNode? body, CancellationToken cancellationToken) =>
        ReadAsync(method, relativePath, body is null ? null : Utf8(body),
            static answer => answer is { } resource ? JsonObject.Create(resource.Clone()) : null, cancellationToken);

    /// <summary>
    /// Sends one logical request with a body already written as UTF-8 JSON text, and reads what the caller needs from
    /// the answer's JSON object (null for an empty body) while it is parsed: most callers want one member, not a tree
    /// of nodes. The element is only valid during <paramref name="read"/>.
    /// </summary>
    public async Task<T> ReadAsync<T>(HttpMethod method, string relativePath, byte[]? body, Func<JsonElement?, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var request = (Client: this, Method: method, Uri: new Uri(_baseUrl + relativePath), Payload: body);
        // The outcome, not the result: the pipeline's own unwrapping layer, and the context it would rent, are per
        // request; the transient faults it would rethrow are turned into the SP's failure below anyway.
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Outcome<ScimAnswer> outcome;
        try
        {
            outcome = await pipeline.ExecuteOutcomeAsync(
                static (context, r) => r.Client.AttemptAsync(r.Method, r.Uri, r.Payload, context.CancellationToken), context, request).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        if (outcome.Exception is { } ex && IsTransient(ex))
        {
            // The pipeline gives a transient fault back only once no retry is left, or when the caller stopped it.
            cancellationToken.ThrowIfCancellationRequested();
            throw new ScimRequestException(0, null, $"{Failure(ex, options, redactor)} (gave up after {options.MaxRetries + 1} attempts)");
        }
        outcome.ThrowIfException();
        var answer = outcome.Result;
        using var document = answer.Document;
        return answer.Error is { } error ? throw error : read(document?.RootElement);
    }

    private static bool IsTransient(Exception exception) => exception is HttpRequestException or TimeoutRejectedException;

    private static string Failure(Exception exception, ScimEngineOptions options, Redactor redactor) => exception is TimeoutRejectedException
        ? $"No answer from the SP within {options.Timeout.TotalSeconds:0.###} s."
        : redactor.Redact(exception.Message) ?? "The connection to the SP failed.";

    /// <summary>The bytes <see cref="JsonNode.ToJsonString"/> would encode: the same writer, without the string between.</summary>
    private static byte[] Utf8(JsonNode body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One attempt, with whatever it threw as the outcome (as the pipeline would wrap it). Its state machine is pooled:
    /// the pipeline awaits it once, and there are one or two per pushed user.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Outcome<ScimAnswer>> AttemptAsync(HttpMethod method, Uri uri, byte[]? payload, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
            request.Headers.TryAddWithoutValidation("Accept", ScimMediaType);
            if (payload is not null)
            {
                // As StringContent(text, UTF-8, media type) labels it; each attempt reads the same bytes again.
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ScimBodyContentType);
            }
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                // The capturing handler has buffered the body (and decoded it once, for the evidence): parsed from the bytes.
                using var answer = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return Outcome.FromResult(new ScimAnswer(Parse(answer, response.Content.Headers.ContentType?.MediaType), null, false, null));
            }
            var error = Error(response, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (!IsRetryable(response.StatusCode))
            {
                return Outcome.FromResult(new ScimAnswer(null, error, false, null));
            }
            var retryAfter = RetryAfter(response.Headers.RetryAfter);
            if (retryAfter > options.MaxBackoff)
            {
                // Retrying sooner than asked would be the IdP's fault; waiting longer than the target allows would stall
                // the run: the SP's answer stands, named.
                return Outcome.FromResult(new ScimAnswer(null, new ScimRequestException(error.Status, error.ScimType,
                    $"{error.Message} (the SP asked to wait {retryAfter.Value.TotalSeconds:0} s before retrying, longer than the {options.MaxBackoff.TotalSeconds:0} s the target allows: not retried)"), false, null));
            }
            return Outcome.FromResult(new ScimAnswer(null, error, true, retryAfter));
        }
#pragma warning disable CA1031 // The pipeline's strategies decide what a fault means; the caller rethrows what they give back.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Outcome.FromException<ScimAnswer>(ex);
        }
    }

    /// <summary>RFC 6585 4 (429) and RFC 9110 15.6 (5xx other than 501/505, which will not get better by waiting).</summary>
    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

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
    private JsonDocument? Parse(Stream body, string? mediaType)
    {
        if (IsBlank(body))
        {
            return null;
        }
        if (mediaType is not null && !mediaType.Equals(ScimMediaType, StringComparison.OrdinalIgnoreCase) && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ScimRequestException($"The SP's answer is labelled '{mediaType}', not application/scim+json (RFC 7644 3.8).");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, AnswerOptions);
        }
        catch (JsonException ex)
        {
            throw new ScimRequestException(NamesAMemberTwice(body)
                ? $"The SP's answer names a member twice, so which value it means cannot be known (RFC 8259 4: names SHOULD be unique): {redactor.Redact(ex.Message)}"
                : $"The SP's answer is not JSON: {redactor.Redact(ex.Message)}", ex);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ScimRequestException("The SP answered with JSON that is not a SCIM resource object.");
        }
        return document;
    }

    /// <summary>Whether JSON that failed to parse is well-formed once repeated member names are allowed (the failure path only).</summary>
    private static bool NamesAMemberTwice(Stream body)
    {
        body.Position = 0;
        try
        {
            using var lenient = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>An empty answer (204), or one of JSON whitespace only (RFC 8259 2); the stream is left at its start.</summary>
    private static bool IsBlank(Stream body)
    {
        int first;
        do
        {
            first = body.ReadByte();
        }
        while (first is ' ' or '\t' or '\r' or '\n');
        body.Position = 0;
        return first < 0;
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
