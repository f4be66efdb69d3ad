namespace Conformance.Scim;

/// <summary>
/// A failed SCIM attempt that the engine retries: which attempt failed (1 is the first request), how long the engine
/// waits before the next one (Retry-After when the SP sent one within the cap, else the capped backoff), and why,
/// redacted.
/// </summary>
public sealed record ScimRetry(int FailedAttempt, TimeSpan Wait, string Reason);
