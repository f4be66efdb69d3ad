namespace Conformance.Browser;

/// <summary>
/// Where a flow ended, as a person would see it. Every text is redacted; paths are relative to the run
/// folder with '/' separators, as results.json and index.html expect.
/// </summary>
public sealed record BrowserOutcome
{
    public required string FinalUrl { get; init; }

    /// <summary>Who the SP's page names as signed in (the session pattern, or #session-user); null when it names nobody.</summary>
    public string? SessionUser { get; init; }

    /// <summary>The SP page's text (redacted, tags removed), for a caller that looks for the user some other way.</summary>
    public string PageText { get; init; } = "";

    /// <summary>Where the followed link of the SP's signed-in page led (a step's <c>follow</c>); null when none was followed.</summary>
    public string? FollowedTo { get; init; }

    /// <summary>Why the link to follow could not be clicked or led nowhere; the sign-in itself is judged without it.</summary>
    public string? FollowFailure { get; init; }

    /// <summary>The text of #error on the signed-in page: the IdP's or the SP's refusal, or a failed login.</summary>
    public string? Error { get; init; }

    /// <summary>Why the flow could not go on (a page that never arrived, a missing tile); null when it ran to its end.</summary>
    public string? Failure { get; init; }

    public IReadOnlyList<string> Screenshots { get; init; } = [];

    public string? Trace { get; init; }

    /// <summary>The title of every page a screenshot was taken of, in order.</summary>
    public IReadOnlyList<string> Titles { get; init; } = [];

    /// <summary>The SP opened a session: it names a user and shows no error.</summary>
    public bool SignedIn => SessionUser is not null && Error is null && Failure is null;
}
