namespace Conformance.Scim;

/// <summary>Transport and scheduling knobs of the push engine.</summary>
public sealed record ScimEngineOptions
{
    // The resilience library's own bounds (its timeout and retry validation), named here in the engine's terms.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>How many SCIM requests the organisation has in flight at once, across all its applications.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>How long one attempt may wait for the SP's answer (10 ms to 24 h).</summary>
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

    /// <summary>
    /// Told of each failed attempt the engine is about to retry, before it waits (on the organisation's
    /// <see cref="TimeProvider"/>); the reason is redacted. Called on the engine's threads: keep it short.
    /// </summary>
    public Action<ScimRetry>? OnRetry { get; init; }

    /// <summary>Refuses values the engine cannot keep, naming the option, before anything is sent.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1, nameof(Concurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(Timeout, MinTimeout, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Timeout, MaxWait, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialBackoff, TimeSpan.Zero, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InitialBackoff, MaxWait, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, TimeSpan.Zero, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBackoff, MaxWait, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(ImportPageSize, 1, nameof(ImportPageSize));
    }
}
