using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Steps;

/// <summary>An action a scenario step can name in <c>do:</c>.</summary>
public interface IStepAction
{
    /// <summary>The name scenarios use, dotted and lower-case (<c>app.create</c>).</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The record <c>with:</c> is bound to.</summary>
    Type InputType { get; }

    /// <summary>
    /// Target capabilities the action always uses; a scenario's needs include its actions' needs, so a target without
    /// them skips the scenario with the capability named. Needs that depend on inputs are checked when the step runs.
    /// </summary>
    IReadOnlyList<string> Needs { get; }

    Task ExecuteAsync(object input, ScenarioContext context, CancellationToken cancellationToken);
}

/// <summary>Adding an action is one class deriving from this, with its inputs as a record.</summary>
public abstract class StepAction<TInput> : IStepAction where TInput : class
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public Type InputType => typeof(TInput);
    public virtual IReadOnlyList<string> Needs => [];

    public Task ExecuteAsync(object input, ScenarioContext context, CancellationToken cancellationToken) =>
        ExecuteAsync((TInput)input, context, cancellationToken);

    protected abstract Task ExecuteAsync(TInput input, ScenarioContext context, CancellationToken cancellationToken);
}

/// <summary>For actions that take no inputs.</summary>
public sealed record NoInputs;
