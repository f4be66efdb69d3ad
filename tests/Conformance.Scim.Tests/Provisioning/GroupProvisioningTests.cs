using System.Text.Json.Nodes;
using Conformance.Core.Insights;
using Conformance.Scim.Tests.Support;

namespace Conformance.Scim.Tests.Provisioning;

public sealed class GroupProvisioningTests
{
    [Test]
    public async Task BindingAPopulatedGroup_CreatesItWithItsMembersAfterThem()
    {
        await using var h = await StartedAsync();
        h.Directory.AddMember(IdmHarness.Group, h.AddUser().Id);

        await ActivateAsync(h);

        var group = h.Sp.Group(IdmHarness.Group)!;
        Assert.That(group["members"]!.AsArray().Select(m => (string?)m!["value"]), Is.EqualTo((string[])["sp-0001"]));
        var created = h.Events(InsightsEventTypes.GroupCreateProvision).Single();
        Assert.That(created.Success, Is.True);
        Assert.That(created.Resource, Is.EqualTo(new InsightsResource("group", "g-eng", DisplayName: IdmHarness.Group)));
        Assert.That(h.Insights.Events.Select(e => e.EventType).ToList().IndexOf(InsightsEventTypes.UserCreateProvision),
            Is.LessThan(h.Insights.Events.Select(e => e.EventType).ToList().IndexOf(InsightsEventTypes.GroupCreateProvision)));
    }

    [Test]
    public async Task BindingAnEmptyGroup_DoesNotCreateIt()
    {
        await using var h = await StartedAsync();

        await ActivateAsync(h);

        Assert.That(h.Sp.Group(IdmHarness.Group), Is.Null);
        Assert.That(h.Sp.Requests.Any(r => r.Method == "POST"), Is.False);
        Assert.That(h.Events(InsightsEventTypes.GroupCreateProvision), Is.Empty);
    }

    [Test]
    public async Task GroupsDisabled_SendsNoGroupRequests()
    {
        await using var h = await StartedAsync();
        h.Directory.AddMember(IdmHarness.Group, h.AddUser().Id);

        await h.ActivatedAsync(h.Settings(groups: false));
        await h.IdleAsync();

        Assert.That(h.Sp.Requests.Any(r => r.PathAndQuery.StartsWith("/Groups", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task AnExistingSpGroupWithTheSameName_IsTakenOverWithoutResendingItsMembers()
    {
        await using var h = await StartedAsync();
        var spUser = h.Sp.SeedUser(new JsonObject { ["userName"] = "ada.lovelace", ["active"] = true });
        h.Sp.SeedGroup(IdmHarness.Group, spUser);
        h.Directory.AddMember(IdmHarness.Group, h.AddUser().Id);

        await ActivateAsync(h);

        Assert.That(h.Sp.Requests.Any(r => r.Method == "POST" && r.PathAndQuery == "/Groups"), Is.False);
        Assert.That(h.Sp.Requests.Any(r => r.PathAndQuery.StartsWith("/Groups/", StringComparison.Ordinal) && r.Method == "PATCH"), Is.False);
        Assert.That(h.Sp.Group(IdmHarness.Group)!["members"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AddingAMember_SendsOneAddOperationAndLogsGroupUpdate()
    {
        await using var h = await ActivatedWithMemberAsync();
        var before = h.Sp.Requests.Count;

        h.Directory.AddMember(IdmHarness.Group, h.AddUser("grace.hopper").Id);
        await h.IdleAsync();

        var patch = h.RequestsSince(before).Single(r => r.Method == "PATCH");
        Assert.That(JsonNode.Parse(patch.Body)!["Operations"]!.ToJsonString(),
            Is.EqualTo("""[{"op":"add","path":"members","value":[{"value":"sp-0003"}]}]"""));
        var update = h.Events(InsightsEventTypes.GroupUpdateProvision).Single();
        Assert.That(update.Success, Is.True);
        Assert.That(update.Resource.DisplayName, Is.EqualTo(IdmHarness.Group));
    }

    [Test]
    public async Task Reactivation_ResendsNoMembershipTheSpAlreadyHas()
    {
        await using var h = await ActivatedWithMemberAsync();
        h.BlueJeans.Deactivate();
        var before = h.Sp.Requests.Count;

        await h.BlueJeans.ActivateAsync();
        await h.IdleAsync();

        Assert.That(h.RequestsSince(before).Where(r => r.Method != "GET"), Is.Empty);
        Assert.That(h.Events(InsightsEventTypes.GroupUpdateProvision), Is.Empty);
    }

    [Test]
    public async Task AnSpThatRefusesARepeatedAdd_DoesNotFailThePush()
    {
        await using var h = await ActivatedWithMemberAsync();
        var spUser = h.Sp.SeedUser(new JsonObject { ["userName"] = "grace.hopper", ["active"] = true });
        // The SP gained the membership on its own, and answers 400 to an add of a member it has.
        h.Sp.SeedGroupMember((string)h.Sp.Group(IdmHarness.Group)!["id"]!, spUser);
        h.Sp.RejectDuplicateMembers = true;

        h.Directory.AddMember(IdmHarness.Group, h.AddUser("grace.hopper").Id);
        await h.IdleAsync();

        Assert.That(h.Sp.Requests.Any(r => r.Method == "PATCH" && r.PathAndQuery.StartsWith("/Groups/", StringComparison.Ordinal)), Is.True);
        Assert.That(h.Events(InsightsEventTypes.GroupUpdateProvision).Single().Success, Is.True);
    }

    [Test]
    public async Task AnSpThatRefusesAnAddOfANonMember_FailsThePush()
    {
        await using var h = await ActivatedWithMemberAsync();
        h.Sp.AddFault("PATCH", "/Groups/", 400, detail: "Member limit reached.");

        h.Directory.AddMember(IdmHarness.Group, h.AddUser("grace.hopper").Id);
        await h.IdleAsync();

        var update = h.Events(InsightsEventTypes.GroupUpdateProvision).Single();
        Assert.That(update.Success, Is.False);
        Assert.That(update.ErrorMessage, Is.EqualTo("Member limit reached."));
    }

    [Test]
    public async Task RemovingAMember_SendsARemoveWithValueFilter()
    {
        await using var h = await ActivatedWithMemberAsync();
        var before = h.Sp.Requests.Count;

        h.Directory.RemoveMember(IdmHarness.Group, "u-ada.lovelace");
        await h.IdleAsync();

        var patch = h.RequestsSince(before).Single(r => r.Method == "PATCH" && r.PathAndQuery.StartsWith("/Groups/", StringComparison.Ordinal));
        Assert.That(JsonNode.Parse(patch.Body)!["Operations"]!.ToJsonString(),
            Is.EqualTo("""[{"op":"remove","path":"members[value eq \u0022sp-0001\u0022]"}]"""));
        Assert.That(h.Sp.Group(IdmHarness.Group)!["members"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task RenamingABoundGroup_ReplacesDisplayName()
    {
        await using var h = await ActivatedWithMemberAsync();

        h.Directory.RenameGroup(IdmHarness.Group, "Research");
        await h.IdleAsync();

        Assert.That(h.Sp.Group("Research"), Is.Not.Null);
        var update = h.Events(InsightsEventTypes.GroupUpdateProvision).Single();
        Assert.That(update.Resource.DisplayName, Is.EqualTo("Research"));
    }

    [Test]
    public async Task GroupUpdate_ThatFails_LogsFailedGroupUpdateWithTheSpDetail()
    {
        await using var h = await ActivatedWithMemberAsync();
        h.Sp.AddFault("PATCH", "/Groups/", 400, detail: "displayName is read-only.");

        h.Directory.RenameGroup(IdmHarness.Group, "Research");
        await h.IdleAsync();

        var update = h.Events(InsightsEventTypes.GroupUpdateProvision).Single();
        Assert.That(update.Success, Is.False);
        Assert.That(update.ErrorMessage, Is.EqualTo("displayName is read-only."));
    }

    [Test]
    public async Task GroupCreate_ThatFails_LogsFailedGroupCreateWithTheSpDetail()
    {
        await using var h = await StartedAsync();
        h.Sp.AddFault("POST", "/Groups", 400, detail: "Groups are limited to 50 per account.");
        h.Directory.AddMember(IdmHarness.Group, h.AddUser().Id);

        await ActivateAsync(h);

        var created = h.Events(InsightsEventTypes.GroupCreateProvision).Single();
        Assert.That(created.Success, Is.False);
        Assert.That(created.ErrorMessage, Is.EqualTo("Groups are limited to 50 per account."));
    }

    [Test]
    public async Task DeletingAGroup_DeletesItAndDeprovisionsItsMembers()
    {
        await using var h = await ActivatedWithMemberAsync();

        h.Directory.DeleteGroup(IdmHarness.Group);
        await h.IdleAsync();

        Assert.That(h.Sp.Group(IdmHarness.Group), Is.Null);
        var deleted = h.Events(InsightsEventTypes.GroupDeleteProvision).Single();
        Assert.That(deleted.Success, Is.True);
        Assert.That(deleted.Resource, Is.EqualTo(new InsightsResource("group", "g-eng", DisplayName: IdmHarness.Group)));
        Assert.That((bool?)h.Sp.User("ada.lovelace")!["active"], Is.False);
    }

    [Test]
    public async Task GroupDelete_ThatFails_LogsFailedGroupDeleteWithTheSpDetail()
    {
        await using var h = await ActivatedWithMemberAsync();
        h.Sp.AddFault("DELETE", "/Groups/", 404, detail: "Group not found.");

        h.Catalog.UnbindGroup(h.App.Id, IdmHarness.Group);
        await h.IdleAsync();

        var deleted = h.Events(InsightsEventTypes.GroupDeleteProvision).Single();
        Assert.That(deleted.Success, Is.False);
        Assert.That(deleted.ErrorMessage, Is.EqualTo("Group not found."));
    }

    private static Task<IdmHarness> StartedAsync() => IdmHarness.StartAsync();

    private static async Task ActivateAsync(IdmHarness h)
    {
        await h.ActivatedAsync(h.Settings(groups: true));
        await h.IdleAsync();
    }

    private static async Task<IdmHarness> ActivatedWithMemberAsync()
    {
        var h = await StartedAsync();
        h.Directory.AddMember(IdmHarness.Group, h.AddUser().Id);
        await ActivateAsync(h);
        return h;
    }
}
