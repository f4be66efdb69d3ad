using Conformance.Results;

namespace Conformance.Catalogue.Tests;

/// <summary>Every catalogue scenario is an NUnit test case, named by its id, run against the embedded BlueJeans stub.</summary>
public sealed class CatalogueTests
{
    public static IEnumerable<TestCaseData> ScenarioIds() =>
        Catalogue.Scenarios.Select(s => new TestCaseData(s.Id).SetName(s.Id).SetCategory(s.Area.ToString().ToLowerInvariant()));

    [TestCaseSource(nameof(ScenarioIds))]
    public async Task Scenario_PassesAgainstTheBlueJeansStub(string id)
    {
        var result = await Catalogue.RunAsync(Catalogue.Get(id));

        // A scenario for a policy the stub does not declare (e.g. want-response-signed) is skipped, with the reason.
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Passed).Or.EqualTo(Outcome.Skipped), Catalogue.Describe(result));
        if (result.Outcome == Outcome.Skipped)
        {
            Assert.That(result.Reason, Does.StartWith("target 'BlueJeans (embedded stub)' lacks saml.want-response-signed"));
        }
    }

    [Test]
    public void EveryScenario_NeedsWhatItsActionsUse()
    {
        var undeclared = Catalogue.Scenarios
            .SelectMany(s => s.Steps.SelectMany(st => Catalogue.Library.Actions.Find(st.Action)!.Needs).Except(s.Needs).Select(n => $"{s.Id}: {n}"))
            .ToList();

        Assert.That(undeclared, Is.Empty, "a target without the capability would reach the step instead of skipping the scenario");
        Assert.That(Catalogue.Get("security.xsw1").Needs, Does.Contain("saml"), "derived from security.send-forged, whatever the file says");
    }
}
