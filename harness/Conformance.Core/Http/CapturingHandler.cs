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
        var clock = Stopwatch.StartNew();
        var requestBody = request.Content is null ? null : await ReadAsync(request.Content, cancellationToken).ConfigureAwait(false);
        var requestHeaders = Headers(request.Headers, request.Content?.Headers);
        var id = $"{channel}-{Interlocked.Increment(ref _sequence):D6}";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var responseBody = await ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            sink.Record(new HttpExchange
            {
                Id = id,
                Channel = channel,
                StartedAt = started,
                Duration = clock.Elapsed,
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
                Duration = clock.Elapsed,
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

    private void Add(List<KeyValuePair<string, string>> captured, HttpHeaders headers)
    {
        foreach (var (name, values) in headers)
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

    private static async Task<string?> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length > MaxCapturedBody ? text[..MaxCapturedBody] + $"… [{text.Length - MaxCapturedBody} more characters not captured]" : text;
    }
}
