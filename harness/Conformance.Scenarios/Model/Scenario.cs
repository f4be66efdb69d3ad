using Conformance.Results;

namespace Conformance.Scenarios.Model;

/// <summary>A scenario file, loaded and validated.</summary>
public sealed record Scenario
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Area Area { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];

    /// <summary>Target capabilities the scenario needs; without one it is skipped with the reason.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    public TestDataSpec Data { get; init; } = new();
    public IReadOnlyList<StepSpec> Steps { get; init; } = [];
    public required SourceLocation Location { get; init; }
}

/// <summary>One step: an action with its inputs, then the checks made on what it caused.</summary>
public sealed record StepSpec
{
    public required string Action { get; init; }
    public string? Name { get; init; }

    /// <summary>The inputs as written (templates unexpanded), bound again at run time.</summary>
    public required InputNode Inputs { get; init; }

    public IReadOnlyList<CheckSpec> Checks { get; init; } = [];
    public required SourceLocation Location { get; init; }
}

/// <summary>A named condition with its inputs, the expected value and what a mismatch means.</summary>
public sealed record CheckSpec
{
    public required string Name { get; init; }
    public required string Condition { get; init; }
    public required InputNode Inputs { get; init; }
    public required ExpectedValue Expected { get; init; }
    public Severity Severity { get; init; } = Severity.Failure;
    public Requirement? Requirement { get; init; }

    /// <summary>Capabilities this check alone needs (e.g. profile.bluejeans for BlueJeans' own wording): skipped, named, without them.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    public required SourceLocation Location { get; init; }
}
