using Conformance.Scenarios.Results;

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

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Passed), Catalogue.Describe(result));
    }
}
