namespace Conformance.Catalogue.Tests.Scim;

/// <summary>The group-management-off scenario notices an IdP that pushes groups anyway.</summary>
public sealed class GroupsOffMutantTests
{
    [Test]
    public async Task ManagementOff_WhenTheIdpPushesGroupsAnyway_FailsOnTheGroupEvents()
    {
        var result = await Misbehaviour.WithIdpRulesAsync("scim.group.management-off", r => r with { GroupsOnlyWhenEnabled = false });

        Assert.Multiple(() =>
        {
            Assert.That(Misbehaviour.FailedChecks(result), Does.ContainKey("No request reaches the SP's /Groups"), Catalogue.Describe(result));
            Assert.That(Misbehaviour.FailedChecks(result), Does.ContainKey("No group_* event is logged"), Catalogue.Describe(result));
        });
    }
}
