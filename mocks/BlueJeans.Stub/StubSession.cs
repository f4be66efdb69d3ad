namespace BlueJeans.Stub;

/// <summary>A login the ACS accepted.</summary>
public sealed record StubSession(string UserId, string NameId, string? Email, string? SessionIndex, DateTimeOffset At)
{
    /// <summary>The RelayState posted with the Response (IdP-initiated: the app's Target URL; SP-initiated: echoed).</summary>
    public string? RelayState { get; init; }
}
