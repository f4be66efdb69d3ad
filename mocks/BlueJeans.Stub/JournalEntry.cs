namespace BlueJeans.Stub;

/// <summary>
/// A request that reached SCIM or the ACS, body already redacted. <see cref="Status"/> is 0 when no answer
/// was sent (dropped connection) or the answer has not started yet.
/// </summary>
public sealed record JournalEntry(string Method, string Path, string Query, int Status, string Body, DateTimeOffset At);
