namespace Conformance.Scim;

/// <summary>Transport and scheduling knobs of the push engine.</summary>
public sealed record ScimEngineOptions
{
    /// <summary>How many SCIM requests the organisation has in flight at once, across all its applications.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>How long one attempt may wait for the SP's answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt on 429, 5xx, timeouts and dropped connections.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first backoff; each retry doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest the engine waits between attempts, Retry-After included.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Page size of the import listing (RFC 7644 3.4.2.4 startIndex/count).</summary>
    public int ImportPageSize { get; init; } = 100;

    /// <summary>
    /// Only users whose userName starts with this are import candidates (the run's namespace mark): a tenant's own users
    /// and other runs' users are read but neither listed nor imported. Empty: every user.
    /// </summary>
    public string ImportUserNamePrefix { get; init; } = "";

    /// <summary>How the engine waits between attempts; null waits on the organisation's <see cref="TimeProvider"/>.</summary>
    public Func<TimeSpan, CancellationToken, Task>? Delay { get; init; }
}
