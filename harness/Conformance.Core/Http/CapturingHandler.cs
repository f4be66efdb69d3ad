using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Conformance.Core.Http;

/// <summary>
/// Records every exchange that passes through an <see cref="HttpClient"/>, redacted on capture,
/// including the ones that got no answer (the error then says why).
/// </summary>
public sealed class CapturingHandler(IExchangeSink sink, Redactor redactor, TimeProvider time, string channel)
    : DelegatingHandler
{
    private const int MaxCapturedBody = 256 * 1024;

    /// <summary>
    /// The largest answer read at all: far beyond any SCIM or SAML answer, small enough that a runaway SP (a 50 MB
    /// page) is a named fault instead of gigabytes of memory and a report nobody can open.
    /// </summary>
    public const long MaxReadBody = 16 * 1024 * 1024;

    /// <summary>Enough for the values a run repeats; past it, new values are kept as they come.</summary>
    private const int MaxSharedValues = 4096;

    // Header values repeat across exchanges (content types, the masked token, the server, the date within a second)
    // and a run keeps every exchange: equal values share one string instead of one copy per exchange.
    private readonly ConcurrentDictionary<string, string> _sharedValues = new(StringComparer.Ordinal);
    private int _sharedCount;
    private long _sequence;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetUtcNow();
        var clock = Stopwatch.GetTimestamp();
        var requestBody = request.Content is null ? null : await ReadAsync(request.Content, cancellationToken).ConfigureAwait(false);
        var requestHeaders = Headers(request.Headers, request.Content?.Headers);
        var id = $"{channel}-{Interlocked.Increment(ref _sequence):D6}";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                await response.Content.LoadIntoBufferAsync(MaxReadBody, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException tooLarge) when (!cancellationToken.IsCancellationRequested)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new HttpRequestException($"the answer ({status}) is larger than {MaxReadBody / (1024 * 1024)} MiB; it was not read", tooLarge);
            }
            var responseBody = await ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            sink.Record(new HttpExchange
            {
                Id = id,
                Channel = channel,
                StartedAt = started,
                Duration = Stopwatch.GetElapsedTime(clock),
                Method = request.Method.Method,
                Url = redactor.Redact(request.RequestUri?.ToString()) ?? "",
                RequestHeaders = requestHeaders,
                RequestBody = redactor.Redact(requestBody),
                Status = (int)response.StatusCode,
                StatusText = response.ReasonPhrase ?? "",
                ResponseHeaders = Headers(response.Headers, response.Content.Headers),
                ResponseBody = redactor.Redact(responseBody),
            });
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            sink.Record(new HttpExchange
            {
                Id = id,
                Channel = channel,
                StartedAt = started,
                Duration = Stopwatch.GetElapsedTime(clock),
                Method = request.Method.Method,
                Url = redactor.Redact(request.RequestUri?.ToString()) ?? "",
                RequestHeaders = requestHeaders,
                RequestBody = redactor.Redact(requestBody),
                Error = redactor.Redact(ex is TaskCanceledException && !cancellationToken.IsCancellationRequested
                    ? "timeout: no answer within the client's timeout"
                    : ex.Message),
            });
            throw;
        }
    }

    private List<KeyValuePair<string, string>> Headers(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var captured = new List<KeyValuePair<string, string>>(headers.NonValidated.Count + (contentHeaders?.NonValidated.Count ?? 0));
        Add(captured, headers);
        if (contentHeaders is not null)
        {
            Add(captured, contentHeaders);
        }
        return captured;
    }

    /// <summary>The values as they were sent or received: parsing each one only to print it again is work the evidence does not need.</summary>
    private void Add(List<KeyValuePair<string, string>> captured, HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                captured.Add(new(name, Shared(redactor.RedactHeader(name, value))));
            }
        }
    }

    private string Shared(string value)
    {
        if (_sharedValues.TryGetValue(value, out var shared))
        {
            return shared;
        }
        if (Volatile.Read(ref _sharedCount) < MaxSharedValues && _sharedValues.TryAdd(value, value))
        {
            Interlocked.Increment(ref _sharedCount);
        }
        return value;
    }

    /// <summary>The body as captured: whole up to 256 KiB; past that its start, with the whole body's size and SHA-256 to tell it by.</summary>
    private static async Task<string?> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await content.LoadIntoBufferAsync(MaxReadBody, cancellationToken).ConfigureAwait(false);
        var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (text.Length <= MaxCapturedBody)
        {
            return text;
        }
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return text[..MaxCapturedBody] + $"… [not captured past {MaxCapturedBody} characters: the whole body is {bytes.Length} bytes, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}]";
    }
}
