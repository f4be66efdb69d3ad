namespace BlueJeans.Stub;

/// <summary>A login the ACS accepted.</summary>
public sealed record StubSession(string UserId, string NameId, string? Email, string? SessionIndex, DateTimeOffset At)
{
    /// <summary>The RelayState posted with the Response (IdP-initiated: the app's Target URL; SP-initiated: echoed).</summary>
    public string? RelayState { get; init; }

    /// <summary>The session cookie's value.</summary>
    public string Id { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>When a LogoutRequest from the IdP (or the user's own Sign out) ended the session (single logout); null while it is open.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}
