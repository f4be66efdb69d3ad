namespace BlueJeans.Stub;

/// <summary>
/// A fault injected on matching SCIM requests (control API <c>POST /faults</c>).
/// <see cref="Kind"/> is one of <see cref="FaultKinds"/>; <see cref="Times"/> 0 means every matching request.
/// </summary>
public sealed record StubFault
{
    /// <summary>HTTP method to match; null matches any.</summary>
    public string? Method { get; init; }

    /// <summary>Path relative to the SCIM base (<c>/Users</c> also matches <c>/Users/{id}</c>); null matches any.</summary>
    public string? Path { get; init; }

    public required string Kind { get; init; }
    public int? Status { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public int DelayMs { get; init; }
    public int Times { get; init; } = 1;
}

/// <summary>The fault kinds of the control API.</summary>
public static class FaultKinds
{
    /// <summary>An error status (default 500) with a SCIM Error body; 429/503 carry Retry-After when asked.</summary>
    public const string Status = "status";

    /// <summary>The request waits <see cref="StubFault.DelayMs"/> on the SP's clock, then is served normally.</summary>
    public const string Latency = "latency";

    /// <summary>The connection is closed without an answer.</summary>
    public const string Drop = "drop";

    /// <summary>A 200 whose body is cut-off JSON.</summary>
    public const string MalformedJson = "malformed-json";

    /// <summary>The normal answer, labelled text/html.</summary>
    public const string WrongContentType = "wrong-content-type";

    public static IReadOnlyList<string> All { get; } = [Status, Latency, Drop, MalformedJson, WrongContentType];
}
