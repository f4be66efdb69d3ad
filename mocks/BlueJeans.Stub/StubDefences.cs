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

    /// <summary>
    /// A Response carries exactly one Assertion, and the Assertion used is the one a verified signature
    /// references. Off, the stub is a wrapping-vulnerable SP: any valid signature will do, and the login
    /// comes from the first Assertion outside what it covers.
    /// </summary>
    public const string Wrapping = "wrapping";

    /// <summary>The ACS refuses a Response over 256 KiB (decoded) before parsing it.</summary>
    public const string Size = "size";

    /// <summary>
    /// "Fill in the User ID and Email fields": the session's email is the attribute the Email field names. Off, the
    /// stub takes the NameID as the email, as an SP that ignores the field would.
    /// </summary>
    public const string EmailAttribute = "email-attribute";

    public static IReadOnlyList<string> All { get; } =
    [
        UserNameLength, RecordingsLimit, Uniqueness, Signature, Audience, Destination,
        Recipient, TimeWindow, InResponseTo, Replay, Issuer, Dtd, Wrapping, Size, EmailAttribute,
    ];
}
