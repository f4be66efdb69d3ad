namespace Conformance.Results;

public sealed record StepResult
{
    public required int Index { get; init; }
    public required string Action { get; init; }
    public string? Name { get; init; }
    public Outcome Outcome { get; init; } = Outcome.Failed;
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];
    public Evidence Evidence { get; init; } = new();

    /// <summary>Why the action itself failed (an SP fault) or errored (a harness fault); null when it ran.</summary>
    public string? Error { get; init; }

    public required SourceLocation Location { get; init; }
}
