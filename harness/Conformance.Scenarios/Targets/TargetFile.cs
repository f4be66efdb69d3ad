using System.ComponentModel;

namespace Conformance.Scenarios.Targets;

/// <summary>One SP under test (the design's target file contract).</summary>
public sealed record TargetFile
{
    [Description("A name for reports, e.g. 'BlueJeans (embedded stub)'.")]
    public required string Name { get; init; }

    [Description("An SP the harness starts in-process: 'bluejeans-stub'. Its URLs are then ${sp.baseUrl}, ${sp.token}.")]
    public string? Embedded { get; init; }

    [Description("An SP the harness starts as a process that prints its base URL.")]
    public StartSpec? Start { get; init; }

    public ScimSpec? Scim { get; init; }
    public SamlSpec? Saml { get; init; }
    public LimitsSpec Limits { get; init; } = new();
    public AttributesSpec Attributes { get; init; } = new();

    [Description("How the harness may set SP-side state (docs/sp-control-api.md). Absent for a production SP: those checks are skipped.")]
    public ControlSpec? Control { get; init; }
}

public sealed record StartSpec
{
    public required string Command { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];

    [Description("A regular expression matched against the process's output; its 'url' group is ${sp.baseUrl}.")]
    public string Ready { get; init; } = @"listening (?<url>https?://\S+)";

    public int StartTimeoutSeconds { get; init; } = 60;
}

public sealed record ScimSpec
{
    public required string BaseUrl { get; init; }

    [Description("The SCIM bearer token (use ${ENV_VAR}; never commit one).")]
    public required string Token { get; init; }

    public bool Groups { get; init; }
    public bool PasswordSync { get; init; }

    [Description("How long the IdP waits for one SCIM answer before it abandons the attempt (and retries).")]
    public int TimeoutSeconds { get; init; } = 30;

    [Description("The first retry's backoff after a 5xx or a timeout; it doubles per retry. A 429's Retry-After wins.")]
    public int RetryBackoffMilliseconds { get; init; } = 1000;
}

public sealed record SamlSpec
{
    public required string EntityId { get; init; }
    public required string AcsUrl { get; init; }

    [Description("The SP's login link that starts SP-initiated SSO.")]
    public string? LoginUrl { get; init; }

    public string? Metadata { get; init; }
    public string? SloUrl { get; init; }

    [Description("'Pick User ID from <saml2:NameID> element': true, or false when the SP reads the user id from an attribute.")]
    public bool UserIdFromNameId { get; init; } = true;

    [Description("The SP's signing policy: it refuses a Response whose Assertion is unsigned (SAML Metadata WantAssertionsSigned).")]
    public bool WantAssertionsSigned { get; init; } = true;

    [Description("The SP's signing policy: it refuses a Response that is not itself signed, even when the Assertion is.")]
    public bool WantResponseSigned { get; init; }
}

public sealed record LimitsSpec
{
    [Description("BlueJeans: 30 ('Bluejeans does not allow userNames that exceed 30 characters.').")]
    public int? UserNameMaxLength { get; init; }

    [Description("BlueJeans: 250 recordings transferred at most on deprovisioning.")]
    public int? RecordingsOnDeprovision { get; init; }
}

public sealed record AttributesSpec
{
    [Description("SP attributes JumpCloud does not support and must never send (BlueJeans: bjnUserName, timezone).")]
    public IReadOnlyList<string> Unsupported { get; init; } = [];
}

public sealed record ControlSpec
{
    public required string BaseUrl { get; init; }

    [Description("What the control API supports: recordings, faults, defences, sessions, journal, users, saml.")]
    public IReadOnlyList<string> Capabilities { get; init; } = [];
}
