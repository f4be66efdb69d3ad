namespace Conformance.Core.Http;

/// <summary>One HTTP request and its answer, as seen on the wire, already redacted.</summary>
public sealed record HttpExchange
{
    public required string Id { get; init; }

    /// <summary>Which part of the harness spoke: "scim", "saml", "browser", "control".</summary>
    public required string Channel { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required string Method { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; init; }
    public string? RequestBody { get; init; }

    /// <summary>0 when no answer came (timeout, dropped connection); <see cref="Error"/> says why.</summary>
    public int Status { get; init; }

    public string StatusText { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [];
    public string? ResponseBody { get; init; }
    public string? Error { get; init; }
}
