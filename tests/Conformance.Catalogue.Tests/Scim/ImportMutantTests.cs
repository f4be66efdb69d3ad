namespace Conformance.Catalogue.Tests.Scim;

/// <summary>The import scenarios notice an IdP that moves the guide's real-time limit of 100 users.</summary>
public sealed class ImportMutantTests
{
    [Test]
    public async Task Boundary_WhenTheIdpFinishesUpTo149UsersInRealTime_FailsOnThe101UserImport()
    {
        var result = await Misbehaviour.WithIdpRulesAsync("scim.import.boundary", o => o with { RealTimeImportLimit = 149 });

        Misbehaviour.AssertFailsOn(result, "101 users do not finish in real time", "true");
    }

    [Test]
    public async Task Boundary_WhenTheIdpSendsTo98UsersOnlyInRealTime_FailsOnThe99UserImport()
    {
        var result = await Misbehaviour.WithIdpRulesAsync("scim.import.boundary", o => o with { RealTimeImportLimit = 98 });

        Misbehaviour.AssertFailsOn(result, "99 users finish in real time", "false");
    }
}
