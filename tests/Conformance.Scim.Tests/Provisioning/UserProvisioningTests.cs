using System.Text.Json.Nodes;
using Conformance.Core.Insights;
using Conformance.Scim.Tests.Support;

namespace Conformance.Scim.Tests.Provisioning;

public sealed class UserProvisioningTests
{
    [Test]
    public async Task AddingUserToBoundGroup_LooksUpThenCreates_AndTheSpHoldsTheMappedAttributes()
    {
        await using var h = await ActivatedAsync();
        var before = h.Sp.Requests.Count;

        var user = await h.ProvisionedAsync();

        Assert.That(h.RequestsSince(before).Select(r => $"{r.Method} {r.PathAndQuery}"), Is.EqualTo((string[])
        [
            "GET /Users?filter=userName%20eq%20%22ada.lovelace%22",
            "POST /Users",
        ]));
        var stored = h.Sp.User("ada.lovelace")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)stored["userName"], Is.EqualTo(user.Username));
            Assert.That((string?)stored["externalId"], Is.EqualTo(user.EmployeeIdentifier));
            Assert.That((bool?)stored["active"], Is.True);
            Assert.That((string?)stored["name"]!["givenName"], Is.EqualTo(user.FirstName));
            Assert.That((string?)stored["name"]!["familyName"], Is.EqualTo(user.LastName));
            Assert.That(JsonNode.DeepEquals(stored["emails"], JsonNode.Parse($$"""[{"value":"{{user.Email}}","type":"work","primary":true}]""")), Is.True);
            Assert.That((string?)stored["title"], Is.EqualTo(user.JobTitle));
            Assert.That(JsonNode.DeepEquals(stored["phoneNumbers"], JsonNode.Parse($$"""[{"value":"{{user.WorkPhone}}","type":"work"}]""")), Is.True);
        });
        var created = h.Events(InsightsEventTypes.UserCreateProvision).Single();
        Assert.That(created.Success, Is.True);
        Assert.That(created.Resource, Is.EqualTo(new InsightsResource("user", user.Id, Username: "ada.lovelace")));
        Assert.That(created.Application.Id, Is.EqualTo(h.App.Id));
    }

    [Test]
    public async Task AddingUserOutsideBoundGroups_SendsNothing()
    {
        await using var h = await ActivatedAsync();
        var before = h.Sp.Requests.Count;
        h.Directory.AddGroup("g-other", "Other");

        h.Directory.AddMember("Other", h.AddUser().Id);
        await h.IdleAsync();

        Assert.That(h.RequestsSince(before), Is.Empty);
        Assert.That(h.Insights.Events, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Create_WithUserNameOver30Characters_LogsFailedCreateWithTheSpDetail()
    {
        await using var h = await ActivatedAsync();
        var tooLong = new string('a', 31);

        await h.ProvisionedAsync(tooLong);

        var created = h.Events(InsightsEventTypes.UserCreateProvision).Single();
        Assert.Multiple(() =>
        {
            Assert.That(created.Success, Is.False);
            Assert.That(created.ErrorMessage, Is.EqualTo("userName must be 1 to 30 characters."));
            Assert.That(created.Resource.Username, Is.EqualTo(tooLong));
            Assert.That(h.Sp.UserCount, Is.Zero);
        });
    }

    [Test]
    public async Task Create_RefusedAsNotUnique_LogsFailedCreateWithTheSpDetail()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 409, detail: "Email ada.lovelace@example.test is already used by another account.");

        await h.ProvisionedAsync();

        var created = h.Events(InsightsEventTypes.UserCreateProvision).Single();
        Assert.That(created.Success, Is.False);
        Assert.That(created.ErrorMessage, Is.EqualTo("Email ada.lovelace@example.test is already used by another account."));
    }

    [Test]
    public async Task Create_WhenTheSpHasTheUserName_UpdatesInsteadOfCreating()
    {
        await using var h = await ActivatedAsync();
        h.Sp.SeedUser(new JsonObject { ["userName"] = "ADA.LOVELACE", ["active"] = true, ["title"] = "Old title" });

        var user = await h.ProvisionedAsync();

        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision), Is.Empty);
        Assert.That(h.Events(InsightsEventTypes.UserUpdateProvision).Single().Success, Is.True);
        Assert.That((string?)h.Sp.User("ada.lovelace")!["title"], Is.EqualTo(user.JobTitle));
        Assert.That(h.Sp.UserCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Lookup_ThatFails_LogsLookupEventAndStopsThePush()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("GET", "/Users?filter", 400, detail: "Filter syntax not supported.");

        await h.ProvisionedAsync();

        var lookup = h.Events(InsightsEventTypes.UserLookupProvision).Single();
        Assert.Multiple(() =>
        {
            Assert.That(lookup.Success, Is.False);
            Assert.That(lookup.ErrorMessage, Is.EqualTo("Filter syntax not supported."));
            Assert.That(lookup.Resource.Username, Is.EqualTo("ada.lovelace"));
            Assert.That(h.Sp.Requests.Any(r => r.Method == "POST"), Is.False);
            Assert.That(h.Events(InsightsEventTypes.UserCreateProvision), Is.Empty);
        });
    }

    [Test]
    public async Task Lookup_OfUserNameWithQuote_EscapesItAsRfc7644FilterString()
    {
        await using var h = await ActivatedAsync();

        await h.ProvisionedAsync("o\"brien");

        Assert.That(h.Sp.Requests.Any(r => r.PathAndQuery == "/Users?filter=userName%20eq%20%22o%5C%22brien%22"), Is.True);
        Assert.That(h.Sp.User("o\"brien"), Is.Not.Null);
    }

    [Test]
    public async Task EditingTwoAttributes_SendsOnePatchWithOneReplacePerAttribute()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        var before = h.Sp.Requests.Count;

        h.Directory.UpdateUser(user.Id, u => u with { FirstName = "Augusta", JobTitle = "Countess" });
        await h.IdleAsync();

        var patch = h.RequestsSince(before).Single(r => r.Method == "PATCH");
        Assert.That(JsonNode.Parse(patch.Body)!.ToJsonString(), Is.EqualTo(
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[""" +
            """{"op":"replace","path":"name.givenName","value":"Augusta"},{"op":"replace","path":"title","value":"Countess"}]}"""));
        Assert.That(h.Events(InsightsEventTypes.UserUpdateProvision).Single().Success, Is.True);
        Assert.That((string?)h.Sp.User("ada.lovelace")!["name"]!["givenName"], Is.EqualTo("Augusta"));
    }

    [Test]
    public async Task EditingAUser_StartsWithALookup()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        var before = h.Sp.Requests.Count;

        h.Directory.UpdateUser(user.Id, u => u with { LastName = "King" });
        await h.IdleAsync();

        Assert.That(h.RequestsSince(before).Select(r => r.Method), Is.EqualTo((string[])["GET", "PATCH"]));
    }

    [Test]
    public async Task ClearingAnOptionalValue_SendsRemoveForThatAttribute()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        var before = h.Sp.Requests.Count;

        h.Directory.UpdateUser(user.Id, u => u with { WorkPhone = null });
        await h.IdleAsync();

        var patch = JsonNode.Parse(h.RequestsSince(before).Single(r => r.Method == "PATCH").Body)!;
        Assert.That(patch["Operations"]!.ToJsonString(), Is.EqualTo("""[{"op":"remove","path":"phoneNumbers"}]"""));
    }

    [Test]
    public async Task EditingInPutMode_SendsTheWholeResourceWithPut()
    {
        await using var h = await ActivatedAsync(s => s with { UpdateMode = UpdateMode.Put });
        var user = await h.ProvisionedAsync();
        var before = h.Sp.Requests.Count;

        h.Directory.UpdateUser(user.Id, u => u with { JobTitle = "Countess" });
        await h.IdleAsync();

        var put = h.RequestsSince(before).Single(r => r.Method != "GET");
        var body = JsonNode.Parse(put.Body)!;
        Assert.That(put.Method, Is.EqualTo("PUT"));
        Assert.That((string?)body["title"], Is.EqualTo("Countess"));
        Assert.That((string?)body["userName"], Is.EqualTo("ada.lovelace"));
        Assert.That(h.Events(InsightsEventTypes.UserUpdateProvision).Single().Success, Is.True);
    }

    [Test]
    public async Task Update_AnsweredWith404_LogsFailedUpdateWithTheSpDetail()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        h.Sp.AddFault("PATCH", "/Users/", 404, detail: "User sp-0001 not found.");

        h.Directory.UpdateUser(user.Id, u => u with { JobTitle = "Countess" });
        await h.IdleAsync();

        var update = h.Events(InsightsEventTypes.UserUpdateProvision).Single();
        Assert.That(update.Success, Is.False);
        Assert.That(update.ErrorMessage, Is.EqualTo("User sp-0001 not found."));
    }

    [Test]
    public async Task Update_AfterTheSpRevokedTheToken_LogsFailedUpdateWith401Detail()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        h.Sp.Token = "revoked-elsewhere";

        h.Directory.UpdateUser(user.Id, u => u with { JobTitle = "Countess" });
        await h.IdleAsync();

        var lookup = h.Events(InsightsEventTypes.UserLookupProvision).Single();
        Assert.That(lookup.ErrorMessage, Is.EqualTo("The access token is not valid."));
    }

    [Test]
    public async Task EditingOnlyUnmappedProperties_SendsNoUpdate()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();

        h.Directory.UpdateUser(user.Id, u => u with { Extra = new Dictionary<string, string> { ["timezone"] = "Asia/Tokyo" } });
        await h.IdleAsync();

        Assert.That(h.Sp.Requests.Any(r => r.Method is "PATCH" or "PUT"), Is.False);
        Assert.That(h.Events(InsightsEventTypes.UserUpdateProvision), Is.Empty);
    }

    [Test]
    public async Task UserNameChange_FindsTheUserByItsSpIdAndReplacesUserName()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();

        h.Directory.UpdateUser(user.Id, u => u with { Username = "augusta.king" });
        await h.IdleAsync();

        Assert.That(h.Sp.User("augusta.king"), Is.Not.Null);
        Assert.That(h.Sp.UserCount, Is.EqualTo(1));
    }

    [Test]
    public async Task CreateThenEditInABurst_CreatesOnceAndEndsWithTheLatestValues()
    {
        await using var h = await ActivatedAsync();
        var user = h.AddUser();

        h.Directory.AddMember(IdmHarness.Group, user.Id);
        h.Directory.UpdateUser(user.Id, u => u with { JobTitle = "Countess" });
        await h.IdleAsync();

        // Whether the edit lands before the create runs (one POST) or while it is in flight (POST, then PATCH) is the
        // queue's timing; either way the user is created once and ends with the latest values.
        var writes = h.Sp.Requests.Where(r => r.Method != "GET").Select(r => r.Method).ToList();
        Assert.That(writes, Is.EqualTo((string[])["POST"]).Or.EqualTo((string[])["POST", "PATCH"]));
        Assert.That((string?)h.Sp.User("ada.lovelace")!["title"], Is.EqualTo("Countess"));
    }

    [Test]
    public async Task Suspending_DeprovisionsWithActiveFalse()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        var before = h.Sp.Requests.Count;

        h.Directory.UpdateUser(user.Id, u => u with { Active = false });
        await h.IdleAsync();

        var patch = h.RequestsSince(before).Single(r => r.Method == "PATCH");
        Assert.That(JsonNode.Parse(patch.Body)!["Operations"]!.ToJsonString(), Is.EqualTo("""[{"op":"replace","path":"active","value":false}]"""));
        Assert.That((bool?)h.Sp.User("ada.lovelace")!["active"], Is.False);
        var deprovision = h.Events(InsightsEventTypes.UserDeprovision).Single();
        Assert.That(deprovision.Success, Is.True);
        Assert.That(deprovision.Resource.Username, Is.EqualTo("ada.lovelace"));
    }

    [Test]
    public async Task RemovingFromEveryBoundGroup_Deprovisions()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();

        h.Directory.RemoveMember(IdmHarness.Group, user.Id);
        await h.IdleAsync();

        Assert.That((bool?)h.Sp.User("ada.lovelace")!["active"], Is.False);
        Assert.That(h.Events(InsightsEventTypes.UserDeprovision).Single().Success, Is.True);
    }

    [Test]
    public async Task RemovingFromOneOfTwoBoundGroups_KeepsTheUserActive()
    {
        await using var h = await ActivatedAsync();
        h.Directory.AddGroup("g-second", "Second");
        h.Catalog.BindGroup(h.App.Id, "Second");
        var user = await h.ProvisionedAsync();
        h.Directory.AddMember("Second", user.Id);

        h.Directory.RemoveMember(IdmHarness.Group, user.Id);
        await h.IdleAsync();

        Assert.That((bool?)h.Sp.User("ada.lovelace")!["active"], Is.True);
        Assert.That(h.Events(InsightsEventTypes.UserDeprovision), Is.Empty);
    }

    [Test]
    public async Task Deprovision_OfUserWithMoreThan250Recordings_FailsAndLeavesTheUserActive()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        h.Sp.Recordings["ada.lovelace"] = 251;

        h.Directory.UpdateUser(user.Id, u => u with { Active = false });
        await h.IdleAsync();

        var deprovision = h.Events(InsightsEventTypes.UserDeprovision).Single();
        Assert.That(deprovision.Success, Is.False);
        Assert.That(deprovision.ErrorMessage, Does.Contain("at most 250"));
        Assert.That((bool?)h.Sp.User("ada.lovelace")!["active"], Is.True);
    }

    [Test]
    public async Task Reactivating_ReplacesActiveTrue()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        h.Directory.UpdateUser(user.Id, u => u with { Active = false });
        await h.IdleAsync();

        h.Directory.UpdateUser(user.Id, u => u with { Active = true });
        await h.IdleAsync();

        Assert.That((bool?)h.Sp.User("ada.lovelace")!["active"], Is.True);
        Assert.That(h.Events(InsightsEventTypes.UserUpdateProvision).Single().Success, Is.True);
    }

    [Test]
    public async Task DeletingAUser_SendsDeleteAndLogsIt()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        var before = h.Sp.Requests.Count;

        h.Directory.DeleteUser(user.Id);
        await h.IdleAsync();

        Assert.That(h.RequestsSince(before).Select(r => $"{r.Method} {r.PathAndQuery}"), Is.EqualTo((string[])["DELETE /Users/sp-0001"]));
        Assert.That(h.Sp.UserCount, Is.Zero);
        var deleted = h.Events(InsightsEventTypes.UserDeleteProvision).Single();
        Assert.That(deleted.Success, Is.True);
        Assert.That(deleted.Resource, Is.EqualTo(new InsightsResource("user", user.Id, Username: "ada.lovelace")));
    }

    [Test]
    public async Task Delete_AnsweredWith404_LogsFailedDeleteWithTheSpDetail()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        h.Sp.AddFault("DELETE", "/Users/", 404, detail: "No user sp-0001.");

        h.Directory.DeleteUser(user.Id);
        await h.IdleAsync();

        var deleted = h.Events(InsightsEventTypes.UserDeleteProvision).Single();
        Assert.That(deleted.Success, Is.False);
        Assert.That(deleted.ErrorMessage, Is.EqualTo("No user sp-0001."));
    }

    [Test]
    public async Task DeletingAUserNeverInScope_SendsNothing()
    {
        await using var h = await ActivatedAsync();
        var user = h.AddUser();
        var before = h.Sp.Requests.Count;

        h.Directory.DeleteUser(user.Id);
        await h.IdleAsync();

        Assert.That(h.RequestsSince(before), Is.Empty);
        Assert.That(h.Events(InsightsEventTypes.UserDeleteProvision), Is.Empty);
    }

    [Test]
    public async Task ManyUsers_AreProvisionedWithinTheConcurrencyBound()
    {
        await using var h = await IdmHarness.StartAsync(o => o with { Concurrency = 2 });
        await h.ActivatedAsync();

        for (var i = 0; i < 24; i++)
        {
            h.Directory.AddMember(IdmHarness.Group, h.AddUser($"user{i:D2}").Id);
        }
        await h.IdleAsync();

        Assert.That(h.Sp.UserCount, Is.EqualTo(24));
        Assert.That(h.Sp.MaxConcurrentRequests, Is.InRange(1, 2));
        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision).Count(e => e.Success), Is.EqualTo(24));
    }

    private static async Task<IdmHarness> ActivatedAsync(Func<IdmSettings, IdmSettings>? edit = null)
    {
        var h = await IdmHarness.StartAsync();
        return await h.ActivatedAsync(edit?.Invoke(h.Settings()) ?? h.Settings());
    }
}
