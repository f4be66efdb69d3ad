using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

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

    /// <summary>Enough for the values a run repeats; past it, new values are redacted and kept as they come.</summary>
    private const int MaxSharedValues = 4096;

    // Header values repeat across exchanges (content types, the token, the server, the date within a second) and a run
    // keeps every exchange: a value is redacted once while no secret is added, and its redaction is one shared string
    // instead of one copy per exchange.
    private readonly ConcurrentDictionary<string, HeaderValue> _sharedValues = new(StringComparer.Ordinal);
    private int _sharedCount;
    private long _sequence;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetUtcNow();
        var clock = Stopwatch.GetTimestamp();
        var requestBody = request.Content is null ? null : await CaptureAsync(request.Content, cancellationToken).ConfigureAwait(false);
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
            var responseBody = await CaptureAsync(response.Content, cancellationToken).ConfigureAwait(false);
            sink.Record(new HttpExchange
            {
                Id = id,
                Channel = channel,
                StartedAt = started,
                Duration = Stopwatch.GetElapsedTime(clock),
                Method = request.Method.Method,
                Url = redactor.Redact(request.RequestUri?.ToString()) ?? "",
                RequestHeaders = requestHeaders,
                RequestBodyUtf8 = requestBody,
                Status = (int)response.StatusCode,
                StatusText = response.ReasonPhrase ?? "",
                ResponseHeaders = Headers(response.Headers, response.Content.Headers),
                ResponseBodyUtf8 = responseBody,
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
                RequestBodyUtf8 = requestBody,
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
                captured.Add(new(name, Redacted(name, value)));
            }
        }
    }

    private string Redacted(string name, string value)
    {
        var version = redactor.Version;
        if (_sharedValues.TryGetValue(value, out var known) && known.Version == version && known.SameRedaction(name))
        {
            return known.Text;
        }
        var fresh = new HeaderValue(name, version, redactor.RedactHeader(name, value));
        if (known is not null)
        {
            _sharedValues[value] = fresh;
        }
        else if (Volatile.Read(ref _sharedCount) < MaxSharedValues && _sharedValues.TryAdd(value, fresh))
        {
            Interlocked.Increment(ref _sharedCount);
        }
        return fresh.Text;
    }

    /// <summary>
    /// The body as captured and redacted, in UTF-8: whole up to 256 KiB; past that its start, with the whole body's size
    /// and SHA-256 to tell it by.
    /// </summary>
    private async Task<byte[]> CaptureAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await content.LoadIntoBufferAsync(MaxReadBody, cancellationToken).ConfigureAwait(false);
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        // ASCII that the content's charset reads as ASCII and that holds nothing to mask is, byte for byte, the text
        // the evidence would hold: decoding it to redact and encoding it again to keep it would give the same bytes.
        if (bytes.Length <= MaxCapturedBody && ReadsAsciiAsAscii(content.Headers.ContentType?.CharSet) && redactor.LeavesUnchanged(bytes))
        {
            return bytes;
        }
        var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (text.Length > MaxCapturedBody)
        {
            text = text[..MaxCapturedBody] + $"… [not captured past {MaxCapturedBody} characters: the whole body is {bytes.Length} bytes, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}]";
        }
        return Encoding.UTF8.GetBytes(redactor.Redact(text)!);
    }

    /// <summary>No charset (UTF-8 unless a BOM says otherwise, and a BOM is not ASCII), UTF-8 or US-ASCII.</summary>
    private static bool ReadsAsciiAsAscii(string? charSet) =>
        charSet is null || charSet.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charSet.Equals("us-ascii", StringComparison.OrdinalIgnoreCase);

    /// <summary>A header value's redaction, for the header it was made for and the secrets known when it was made.</summary>
    private sealed record HeaderValue(string Name, long Version, string Text)
    {
        /// <summary>The same header, or two headers whose values are both redacted as plain text.</summary>
        public bool SameRedaction(string name) =>
            string.Equals(Name, name, StringComparison.OrdinalIgnoreCase) || (!Redactor.IsSecretHeader(Name) && !Redactor.IsSecretHeader(name));
    }
}
