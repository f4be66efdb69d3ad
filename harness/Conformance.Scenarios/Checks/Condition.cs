using System.Text.Json.Nodes;
using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Checks;

/// <summary>What a condition saw: a value to compare with the expected one, and a sentence about it.</summary>
public sealed record Observation(JsonNode? Value, string? Detail = null);

/// <summary>A named condition a check can name in <c>check:</c>.</summary>
public interface ICondition
{
    string Name { get; }
    string Description { get; }
    Type InputType { get; }
    Task<Observation> ObserveAsync(object input, ScenarioContext context, CancellationToken cancellationToken);
}

public abstract class Condition<TInput> : ICondition where TInput : class
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public Type InputType => typeof(TInput);

    public Task<Observation> ObserveAsync(object input, ScenarioContext context, CancellationToken cancellationToken) =>
        ObserveAsync((TInput)input, context, cancellationToken);

    protected abstract Task<Observation> ObserveAsync(TInput input, ScenarioContext context, CancellationToken cancellationToken);
}
