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
        var all = headers.AsEnumerable();
        if (contentHeaders is not null)
        {
            all = all.Concat(contentHeaders);
        }
        return [.. all.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, redactor.RedactHeader(h.Key, v))))];
    }

    private static async Task<string?> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length > MaxCapturedBody ? text[..MaxCapturedBody] + $"… [{text.Length - MaxCapturedBody} more characters not captured]" : text;
    }
}
