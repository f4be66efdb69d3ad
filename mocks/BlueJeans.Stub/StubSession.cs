namespace BlueJeans.Stub;

/// <summary>A login the ACS accepted.</summary>
public sealed record StubSession(string UserId, string NameId, string? Email, string? SessionIndex, DateTimeOffset At)
{
    /// <summary>The RelayState posted with the Response (IdP-initiated: the app's Target URL; SP-initiated: echoed).</summary>
    public string? RelayState { get; init; }

    /// <summary>When a LogoutRequest from the IdP ended the session (single logout); null while it is open.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}
