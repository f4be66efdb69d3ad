namespace BlueJeans.Stub;

/// <summary>
/// The rules the stub enforces, each switchable off through <c>PUT /_control/defences/{name}</c> so the
/// harness can prove that its check fails when an SP misbehaves.
/// </summary>
public static class StubDefences
{
    /// <summary>"Bluejeans does not allow userNames that exceed 30 characters."</summary>
    public const string UserNameLength = "username-length";

    /// <summary>"A maximum of 250 user recoding can be transferred during de-provisioning."</summary>
    public const string RecordingsLimit = "recordings-limit";

    public const string Uniqueness = "uniqueness";
    public const string Signature = "signature";
    public const string Audience = "audience";
    public const string Destination = "destination";
    public const string Recipient = "recipient";
    public const string TimeWindow = "time-window";
    public const string InResponseTo = "in-response-to";
    public const string Replay = "replay";
    public const string Issuer = "issuer";
    public const string Dtd = "dtd";

    public static IReadOnlyList<string> All { get; } =
    [
        UserNameLength, RecordingsLimit, Uniqueness, Signature, Audience, Destination,
        Recipient, TimeWindow, InResponseTo, Replay, Issuer, Dtd,
    ];
}
