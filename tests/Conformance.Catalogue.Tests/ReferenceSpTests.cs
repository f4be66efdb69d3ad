using Conformance.Results;

namespace Conformance.Catalogue.Tests;

/// <summary>
/// The whole catalogue against the reference SP (mocks/reference-sp: node-saml + scimmy, software nobody
/// here wrote). What it cannot support is skipped with the reason; its known weaknesses are expected
/// failures with theirs (expected-failures.yaml); nothing may fail or error.
/// </summary>
public sealed class ReferenceSpTests
{
    public static IEnumerable<TestCaseData> ScenarioIds() =>
        Catalogue.Scenarios.Select(s => new TestCaseData(s.Id).SetName("reference-sp:" + s.Id).SetCategory("reference-sp"));

    [OneTimeSetUp]
    public void NodeModulesAreInstalled() =>
        Assert.That(Directory.Exists(Path.Combine(Catalogue.Root, "mocks", "reference-sp", "node_modules")), Is.True,
            "the reference SP's packages are missing: ./run.sh test runs 'npm ci' in mocks/reference-sp");

    [TestCaseSource(nameof(ScenarioIds))]
    public async Task Scenario_PassesOrIsSkippedWithAReason(string id)
    {
        var result = await Catalogue.RunAsync(Catalogue.Get(id), targetFile: "reference-sp.yaml");

        Assert.That(result.Outcome, Is.AnyOf(Outcome.Passed, Outcome.Skipped, Outcome.Warning, Outcome.ExpectedFailure), Catalogue.Describe(result));
        if (result.Outcome is Outcome.Skipped)
        {
            Assert.That(result.Reason, Does.StartWith("target 'Reference SP (node-saml + scimmy)' lacks "));
        }
        if (result.Outcome is Outcome.ExpectedFailure)
        {
            Assert.That(result.ExpectedFailure, Is.Not.Empty);
        }
    }
}
