namespace Conformance.Scenarios.Running;

/// <summary>
/// Puts the live parts (the IdP, the SCIM engine, the SP's control client) into a scenario's context
/// before its first step and takes them down after its last.
/// </summary>
public interface IScenarioEnvironment
{
    Task<IAsyncDisposable> PrepareAsync(ScenarioContext context, CancellationToken cancellationToken);
}
