namespace Conformance.Results;

public sealed record ScenarioResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Area Area { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
    public required string File { get; init; }
    public Outcome Outcome { get; init; } = Outcome.Failed;
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public IReadOnlyList<StepResult> Steps { get; init; } = [];

    /// <summary>Why it was skipped (a capability the target lacks) or errored.</summary>
    public string? Reason { get; init; }

    /// <summary>The reason given in expected-failures.yaml, when the scenario is listed there.</summary>
    public string? ExpectedFailure { get; init; }

    /// <summary>The users the scenario ran with (passwords never included).</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>SP objects the scenario created and the clean-up deleted afterwards.</summary>
    public int CleanedUp { get; init; }

    /// <summary>SP objects the scenario created that the clean-up could not delete, each with why.</summary>
    public IReadOnlyList<string> Leftovers { get; init; } = [];

    public TimeSpan Duration => End - Start;
}
