using Conformance.Results;
using Conformance.Scenarios.Model;

namespace Conformance.Scenarios.Running;

/// <summary>Live progress: the console display and the interrupted-run report listen here.</summary>
public interface IRunObserver
{
    void ScenarioStarted(Scenario scenario);
    void StepFinished(Scenario scenario, StepResult result);
    void ScenarioFinished(ScenarioResult result);
}
