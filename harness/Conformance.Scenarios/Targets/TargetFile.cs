using System.ComponentModel;

namespace Conformance.Scenarios.Targets;

/// <summary>One SP under test (the design's target file contract).</summary>
public sealed record TargetFile
{
    [Description("A name for reports, e.g. 'BlueJeans (embedded stub)'.")]
    public required string Name { get; init; }

    /// <summary>The one SP the harness can start in-process, as <see cref="Embedded"/> names it.</summary>
    public const string EmbeddedStub = "bluejeans-stub";

    [Description("An SP the harness starts in-process: 'bluejeans-stub'. Its URLs are then ${sp.baseUrl}, ${sp.token}.")]
    public string? Embedded { get; init; }

    [Description("An SP the harness starts as a process that prints its base URL.")]
    public StartSpec? Start { get; init; }

    [Description("The SP's product profile: 'bluejeans' adds the checks of BlueJeans' own wording; absent: only what any SP must do.")]
    public string? Profile { get; init; }

    [Description("The IdP identity the SP was configured with once (its metadata: ./run.sh idp metadata --target FILE). Absent: a key generated once and kept in .conformance/idp/, a free port per run.")]
    public IdpSpec? Idp { get; init; }

    public ScimSpec? Scim { get; init; }
    public SamlSpec? Saml { get; init; }
    public LimitsSpec Limits { get; init; } = new();
    public AttributesSpec Attributes { get; init; } = new();

    [Description("How the harness may set SP-side state (docs/sp-control-api.md). Absent for a production SP: those checks are skipped.")]
    public ControlSpec? Control { get; init; }
}

public sealed record IdpSpec
{
    [Description("Where the mock IdP listens and what its metadata names, e.g. http://127.0.0.1:7001 (it binds 127.0.0.1 on that port). Absent: a free port chosen per run.")]
    public string? BaseUrl { get; init; }

    [Description("The IdP's RSA private key: a PEM file path or ${ENV} holding the PEM. With signingCertificate; absent: generated once and kept in .conformance/idp/.")]
    public string? SigningKey { get; init; }

    [Description("The IdP's signing certificate: a PEM file path or ${ENV} holding the PEM.")]
    public string? SigningCertificate { get; init; }

    [Description("The IdP URL suffix of the application the SP trusts ({baseUrl}/saml2/{suffix}); the catalogue's is 'bluejeans'.")]
    public string App { get; init; } = "bluejeans";
}

public sealed record StartSpec
{
    public required string Command { get; init; }
    [Description("Arguments; ${idp.metadataFile} is a file holding the IdP metadata (the SP loads it once at start), ${idp.baseUrl} the IdP's address, ${run.tempDir} a folder removed after the run.")]
    public IReadOnlyList<string> Args { get; init; } = [];

    [Description("Environment variables for the process (e.g. the SCIM token an SP as deployed is given by its admin).")]
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

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

    [Description("The longest wait between attempts. A Retry-After asking for more is not retried: the SP's answer stands, named in the report.")]
    public int MaxRetryWaitSeconds { get; init; } = 120;
}

public sealed record SamlSpec
{
    public required string EntityId { get; init; }
    public required string AcsUrl { get; init; }

    [Description("The SP's login link that starts SP-initiated SSO.")]
    public string? LoginUrl { get; init; }

    public string? Metadata { get; init; }
    public string? SloUrl { get; init; }

    [Description("'Pick User ID from <saml2:NameID> element': true (default), or false when the SP reads the user id from an attribute.")]
    public bool UserIdFromNameId { get; init; } = true;

    [Description("The SP's RelayState value ('RelayState - copy this value'), pasted into the IdP's Target URL; where the SP lands after an IdP-initiated login. A control.saml SP reports its own.")]
    public string? RelayState { get; init; }

    [Description("A page of the SP that shows who is signed in, read with the login's cookies to decide who the SP logged in; without it the landing page is searched for the user's NameID, userName or email.")]
    public SessionProbeSpec? Session { get; init; }

    [Description("Links on the SP's signed-in page (CSS selectors), which a browser step can follow: where the SP's Password Change URL and Logout URL settings take the user.")]
    public SpLinksSpec? Links { get; init; }

    [Description("The SP's signing policy: it refuses a Response whose Assertion is unsigned (SAML Metadata WantAssertionsSigned). Default false: an SP must say so.")]
    public bool WantAssertionsSigned { get; init; }

    [Description("The SP's signing policy: it refuses a Response that is not itself signed, even when the Assertion is.")]
    public bool WantResponseSigned { get; init; }
}

public sealed record SessionProbeSpec
{
    [Description("The URL to open with the login's cookies, e.g. the SP's account page; absent: the page the login ended on is read.")]
    public string? Url { get; init; }

    [Description("A regular expression over the page; its 'user' group (or the whole match) is the signed-in user. At the URL, a redirect, 401 or 403 means no session.")]
    public required string User { get; init; }
}

public sealed record SpLinksSpec
{
    [Description("The signed-in page's link to change the password, e.g. '#change-password'.")]
    public string? PasswordChange { get; init; }

    [Description("The signed-in page's sign-out link or button, e.g. '#sign-out'.")]
    public string? Logout { get; init; }
}

public sealed record LimitsSpec
{
    [Description("The longest userName the SP stores; the boundary users (edge cases username-max, username-over-max) are this long and one longer. BlueJeans: 30 ('Bluejeans does not allow userNames that exceed 30 characters.').")]
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

    [Description("How long the harness waits for one answer of the control API; a slower one is the SP's failure, named.")]
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>The capabilities a control API may declare (docs/sp-control-api.md).</summary>
    public static IReadOnlyList<string> Known { get; } = ["reset", "token", "recordings", "faults", "defences", "sessions", "journal", "users", "saml", "sp-only-attributes"];

    [Description("What the control API supports: reset (POST /reset before each scenario), token (POST/PUT /token: generate, put back), recordings, faults, defences, sessions, journal, users, saml, sp-only-attributes.")]
    public IReadOnlyList<string> Capabilities { get; init; } = [];
}
