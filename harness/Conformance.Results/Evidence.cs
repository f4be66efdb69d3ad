using Conformance.Core.Http;
using Conformance.Core.Insights;
using Conformance.Core.Saml;

namespace Conformance.Results;

/// <summary>What was observed while a step ran, attached where it was observed.</summary>
public sealed record Evidence
{
    public IReadOnlyList<HttpExchange> Exchanges { get; init; } = [];
    public IReadOnlyList<SamlMessageRecord> SamlMessages { get; init; } = [];
    public IReadOnlyList<InsightsEvent> Insights { get; init; } = [];

    /// <summary>Paths relative to the run folder (artifacts/browser/…).</summary>
    public IReadOnlyList<string> Screenshots { get; init; } = [];

    public IReadOnlyList<string> Traces { get; init; } = [];

    /// <summary>Lines the action wrote about what it did (already redacted).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
