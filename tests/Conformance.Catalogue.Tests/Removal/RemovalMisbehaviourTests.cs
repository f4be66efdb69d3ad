using System.Text.Json.Nodes;

namespace Conformance.Catalogue.Tests.Removal;

/// <summary>The removal checks fail, on the right check, when the SP's state is not what removal must leave.</summary>
public sealed class RemovalMisbehaviourTests
{
    [Test]
    public async Task DeactivateIdm_WhenTheSpNeverKeptTheUser_FailsOnTheUntouchedSpState()
    {
        var result = await Misbehaviour.WithFaultAsync("removal.idm.deactivate",
            new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["kind"] = "status", ["status"] = 400, ["times"] = 0 });

        Misbehaviour.AssertFailsOn(result, "The SP still holds the user, active", "null");
    }

    [Test]
    public async Task DeleteApp_WhenTheSpNeverKeptTheUser_FailsOnTheUserLeftInPlace()
    {
        var result = await Misbehaviour.WithFaultAsync("removal.app.delete",
            new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["kind"] = "status", ["status"] = 400, ["times"] = 0 });

        Misbehaviour.AssertFailsOn(result, "The SP keeps the user (removing it there is the SP's own step)", "null");
    }
}
