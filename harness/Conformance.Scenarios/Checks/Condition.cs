using System.Text.Json.Nodes;
using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Checks;

/// <summary>
/// What a condition saw: a value to compare with the expected one, and a sentence about it. An inconclusive
/// observation (the evidence decides neither way) makes the check inconclusive whatever the value: never a pass.
/// A mismatch marked <paramref name="WarningOnly"/> is a warning even in a failure-severity check (what the SP did is
/// weaker than the check demands, but harmless).
/// </summary>
public sealed record Observation(JsonNode? Value, string? Detail = null, bool Inconclusive = false, bool WarningOnly = false);

/// <summary>What kind of value a condition observes, when it is always the same kind; <see cref="Any"/> otherwise.</summary>
public enum Observed
{
    Any,
    Boolean,
    Number,
}

/// <summary>A named condition a check can name in <c>check:</c>.</summary>
public interface ICondition
{
    string Name { get; }
    string Description { get; }
    Type InputType { get; }

    /// <summary>The kind of value observed: an expected value of another kind can never match, so it is refused on load.</summary>
    Observed Observes { get; }

    /// <summary>Target capabilities the condition reads through (e.g. control.sessions); without them the check is skipped, named.</summary>
    IReadOnlyList<string> Needs { get; }

    Task<Observation> ObserveAsync(object input, ScenarioContext context, CancellationToken cancellationToken);
}

public abstract class Condition<TInput> : ICondition where TInput : class
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public Type InputType => typeof(TInput);
    public virtual IReadOnlyList<string> Needs => [];
    public virtual Observed Observes => Observed.Any;

    public Task<Observation> ObserveAsync(object input, ScenarioContext context, CancellationToken cancellationToken) =>
        ObserveAsync((TInput)input, context, cancellationToken);

    protected abstract Task<Observation> ObserveAsync(TInput input, ScenarioContext context, CancellationToken cancellationToken);
}
