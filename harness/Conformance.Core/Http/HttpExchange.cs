using System.Text;

namespace Conformance.Core.Http;

/// <summary>One HTTP request and its answer, as seen on the wire, already redacted.</summary>
/// <remarks>
/// A run keeps every exchange until its report is written (200,000 of them for a push of 100,000 users), so the URL
/// and the bodies, nearly all ASCII, are held as UTF-8: half the memory of a string. Each read decodes them again.
/// </remarks>
public sealed record HttpExchange
{
    private readonly byte[] _url = [];
    private readonly byte[]? _requestBody;
    private readonly byte[]? _responseBody;

    public required string Id { get; init; }

    /// <summary>Which part of the harness spoke: one of <see cref="Channels"/>.</summary>
    public required string Channel { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required string Method { get; init; }

    public required string Url
    {
        get => Encoding.UTF8.GetString(_url);
        init => _url = Encoding.UTF8.GetBytes(value);
    }

    public required IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; init; }

    public string? RequestBody
    {
        get => Decode(_requestBody);
        init => _requestBody = Encode(value);
    }

    /// <summary>The request body as the capturing handler keeps it: UTF-8, already redacted, not copied again.</summary>
    internal byte[]? RequestBodyUtf8
    {
        get => _requestBody;
        init => _requestBody = value;
    }

    /// <summary>0 when no answer came (timeout, dropped connection); <see cref="Error"/> says why.</summary>
    public int Status { get; init; }

    public string StatusText { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [];

    public string? ResponseBody
    {
        get => Decode(_responseBody);
        init => _responseBody = Encode(value);
    }

    /// <summary>The answer's body as the capturing handler keeps it: UTF-8, already redacted, not copied again.</summary>
    internal byte[]? ResponseBodyUtf8
    {
        get => _responseBody;
        init => _responseBody = value;
    }

    public string? Error { get; init; }

    private static byte[]? Encode(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

    private static string? Decode(byte[]? utf8) => utf8 is null ? null : Encoding.UTF8.GetString(utf8);
}
