using Conformance.Core.Http;

namespace Conformance.Browser;

/// <summary>How to start a <see cref="BrowserSession"/>: where its evidence goes and how long a page may take.</summary>
public sealed record BrowserSessionOptions
{
    /// <summary>The run folder; screenshots and traces go under artifacts/browser/{scenario}/ and are reported relative to it.</summary>
    public required string RunFolder { get; init; }

    public required string ScenarioId { get; init; }

    /// <summary>Records a Playwright trace (screenshots and DOM snapshots) of every flow.</summary>
    public bool RecordTrace { get; init; }

    /// <summary>Every password typed is registered here, and every text the session returns or traces passes through it.</summary>
    public Redactor Redactor { get; init; } = Redactor.Shared;

    /// <summary>How long one page may take to arrive: an SP that never answers ends the flow with a failure, not a hang.</summary>
    public TimeSpan NavigationTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The SP's origin (scheme, host, port of its ACS): a flow ends when the browser settles there, whatever the SP's
    /// pages look like. Null: it ends on a page marked #session-user or #error (the bundled SPs).
    /// </summary>
    public Uri? SpOrigin { get; init; }

    /// <summary>A regular expression whose 'user' group (or whole match) names the signed-in user on the SP's page; null: #session-user.</summary>
    public string? SessionUserPattern { get; init; }

    /// <summary>The SP page that shows who is signed in, opened after the flow with the browser's cookies; null: the page the flow ended on.</summary>
    public string? SessionUrl { get; init; }

    /// <summary>
    /// How many files this scenario's earlier browser flows already numbered: the next screenshot or trace takes the
    /// number after it, so a second flow in a scenario adds to the first one's evidence instead of overwriting it.
    /// </summary>
    public int NumberedBefore { get; init; }

    /// <summary>The worker's chromium the session opens its own context in; the session never closes it.</summary>
    public required BrowserHost Browser { get; init; }

    /// <summary>{RunFolder}/artifacts/browser/{ScenarioId}, with the id made safe for a file name.</summary>
    public string ArtifactsFolder => Path.Combine(RunFolder, "artifacts", "browser", SafeName(ScenarioId));

    internal static string SafeName(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]);
}
