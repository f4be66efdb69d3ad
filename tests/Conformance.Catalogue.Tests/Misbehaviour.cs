using System.Text.Json.Nodes;
using Conformance.Results;

namespace Conformance.Catalogue.Tests;

/// <summary>Runs a catalogue scenario against a stub switched to misbehave, and reads which checks failed.</summary>
internal static class Misbehaviour
{
    public static Task<ScenarioResult> WithoutDefenceAsync(string scenarioId, string defence) =>
        Catalogue.RunAsync(Catalogue.Get(scenarioId), (control, ct) => control.SetDefenceAsync(defence, false, ct));

    public static Task<ScenarioResult> WithFaultAsync(string scenarioId, JsonObject fault) =>
        Catalogue.RunAsync(Catalogue.Get(scenarioId), (control, ct) => control.AddFaultAsync(fault, ct));

    /// <summary>The failed checks by name, each with what it saw.</summary>
    public static IReadOnlyDictionary<string, string> FailedChecks(ScenarioResult result) =>
        result.Steps.SelectMany(s => s.Checks).Where(c => c.Outcome == Outcome.Failed).ToDictionary(c => c.Name, c => c.Actual);

    /// <summary>Shared assertions: the scenario failed (an SP failure, not a harness error) on exactly the named check with the given observation.</summary>
    public static void AssertFailsOn(ScenarioResult result, string check, string actual)
    {
        var failed = FailedChecks(result);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed), Catalogue.Describe(result));
            Assert.That(failed, Does.ContainKey(check), Catalogue.Describe(result));
            Assert.That(failed.GetValueOrDefault(check), Is.EqualTo(actual), Catalogue.Describe(result));
        });
    }
}
