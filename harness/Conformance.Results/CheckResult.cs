namespace Conformance.Results;

/// <summary>
/// The result of one check. It is <see cref="Outcome.Failed"/> until the condition was evaluated and
/// matched: a check that never ran, or whose evaluation threw, cannot pass.
/// </summary>
public sealed record CheckResult
{
    public required string Name { get; init; }
    public required string Condition { get; init; }
    public required Severity Severity { get; init; }
    public Requirement? Requirement { get; init; }
    public required string Expected { get; init; }
    public string Actual { get; init; } = "(not evaluated)";
    public Outcome Outcome { get; init; } = Outcome.Failed;

    /// <summary>Why it failed, or what the observation means, in a sentence.</summary>
    public string? Message { get; init; }

    public required SourceLocation Location { get; init; }
}
