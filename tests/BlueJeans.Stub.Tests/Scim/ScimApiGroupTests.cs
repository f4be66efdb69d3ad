using System.Net;
using System.Text.Json.Nodes;

namespace BlueJeans.Stub.Tests.Scim;

public class ScimApiGroupTests
{
    [Test]
    public async Task CreateGroup_WithMembers_ReturnsMembersWithDisplayAndRef()
    {
        await using var sp = await StubHarness.StartAsync();
        var ada = await sp.CreateUserAsync("ada");

        using var response = await sp.PostAsync("Groups", $$"""{"displayName":"Engineers","members":[{"value":"{{ada}}"}]}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(body["members"]?[0]?["display"]?.GetValue<string>(), Is.EqualTo("ada"));
            Assert.That(body["members"]?[0]?["$ref"]?.GetValue<string>(), Is.EqualTo($"{sp.Stub.ScimBaseUrl}/Users/{ada}"));
            Assert.That(body["meta"]?["resourceType"]?.GetValue<string>(), Is.EqualTo("Group"));
        });
    }

    [Test]
    public async Task CreateGroup_WithDuplicateDisplayName_Returns409Uniqueness()
    {
        await using var sp = await StubHarness.StartAsync();
        using var first = await sp.PostAsync("Groups", """{"displayName":"Engineers"}""");

        using var response = await sp.PostAsync("Groups", """{"displayName":"engineers"}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(body["scimType"]?.GetValue<string>(), Is.EqualTo("uniqueness"));
        });
    }

    [Test]
    public async Task CreateGroup_WithUnknownMember_Returns400InvalidValue()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.PostAsync("Groups", """{"displayName":"Engineers","members":[{"value":"ghost"}]}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["scimType"]?.GetValue<string>(), Is.EqualTo("invalidValue"));
    }

    [Test]
    public async Task ListGroups_WithDisplayNameFilter_MatchesCaseInsensitively()
    {
        await using var sp = await StubHarness.StartAsync();
        using var a = await sp.PostAsync("Groups", """{"displayName":"Engineers"}""");
        using var b = await sp.PostAsync("Groups", """{"displayName":"Sales"}""");

        using var response = await sp.Scim.GetAsync($"Groups?filter={Uri.EscapeDataString("displayName eq \"ENGINEERS\"")}");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(body["totalResults"]?.GetValue<int>(), Is.EqualTo(1));
            Assert.That(body["Resources"]?[0]?["displayName"]?.GetValue<string>(), Is.EqualTo("Engineers"));
        });
    }

    [Test]
    public async Task PatchGroup_AddingTheSameMemberTwice_KeepsOneMembership()
    {
        await using var sp = await StubHarness.StartAsync();
        var ada = await sp.CreateUserAsync("ada");
        var group = await CreateGroupAsync(sp, "Engineers");
        var add = StubHarness.PatchBody($$"""{"op":"add","path":"members","value":[{"value":"{{ada}}"}]}""");

        using var first = await sp.PatchAsync($"Groups/{group}", add);
        using var second = await sp.PatchAsync($"Groups/{group}", add);
        var body = await StubHarness.ReadJsonAsync(second);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["members"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task PatchGroup_AddWithDisplayAfterPlainAdd_StillKeepsOneMembership()
    {
        await using var sp = await StubHarness.StartAsync();
        var ada = await sp.CreateUserAsync("ada");
        var group = await CreateGroupAsync(sp, "Engineers");

        using var first = await sp.PatchAsync($"Groups/{group}", StubHarness.PatchBody($$"""{"op":"add","path":"members","value":[{"value":"{{ada}}"}]}"""));
        using var second = await sp.PatchAsync($"Groups/{group}", StubHarness.PatchBody($$"""{"op":"add","path":"members","value":[{"value":"{{ada}}","display":"ada"}]}"""));
        var body = await StubHarness.ReadJsonAsync(second);

        Assert.That(body["members"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PatchGroup_RemoveMemberByValueFilter_RemovesOnlyThatMember()
    {
        await using var sp = await StubHarness.StartAsync();
        var ada = await sp.CreateUserAsync("ada");
        var grace = await sp.CreateUserAsync("grace");
        var group = await CreateGroupAsync(sp, "Engineers", ada, grace);

        using var response = await sp.PatchAsync($"Groups/{group}", StubHarness.PatchBody($$"""{"op":"remove","path":"members[value eq \"{{ada}}\"]"}"""));
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(MemberIds(body), Is.EqualTo(new[] { grace }));
    }

    [Test]
    public async Task PatchGroup_RemoveMembersWithValueList_RemovesThoseMembers()
    {
        await using var sp = await StubHarness.StartAsync();
        var ada = await sp.CreateUserAsync("ada");
        var grace = await sp.CreateUserAsync("grace");
        var group = await CreateGroupAsync(sp, "Engineers", ada, grace);

        using var response = await sp.PatchAsync($"Groups/{group}", StubHarness.PatchBody($$"""{"op":"remove","path":"members","value":[{"value":"{{grace}}"}]}"""));
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(MemberIds(body), Is.EqualTo(new[] { ada }));
    }

    [Test]
    public async Task PatchGroup_ReplaceMembers_SetsExactlyTheGivenMembers()
    {
        await using var sp = await StubHarness.StartAsync();
        var ada = await sp.CreateUserAsync("ada");
        var grace = await sp.CreateUserAsync("grace");
        var group = await CreateGroupAsync(sp, "Engineers", ada);

        using var response = await sp.PatchAsync($"Groups/{group}", StubHarness.PatchBody($$"""{"op":"replace","path":"members","value":[{"value":"{{grace}}"}]}"""));
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(MemberIds(body), Is.EqualTo(new[] { grace }));
    }

    [Test]
    public async Task PatchGroup_ReplaceDisplayName_Renames()
    {
        await using var sp = await StubHarness.StartAsync();
        var group = await CreateGroupAsync(sp, "Engineers");

        using var response = await sp.PatchAsync($"Groups/{group}", StubHarness.PatchBody("""{"op":"replace","path":"displayName","value":"Builders"}"""));
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["displayName"]?.GetValue<string>(), Is.EqualTo("Builders"));
    }

    [Test]
    public async Task PutGroup_ReplacesMembersAndName()
    {
        await using var sp = await StubHarness.StartAsync();
        var ada = await sp.CreateUserAsync("ada");
        var group = await CreateGroupAsync(sp, "Engineers", ada);

        using var response = await sp.PutAsync($"Groups/{group}", """{"displayName":"Builders","members":[]}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(body["displayName"]?.GetValue<string>(), Is.EqualTo("Builders"));
            Assert.That(body["members"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public async Task DeleteUser_RemovesItFromItsGroups()
    {
        await using var sp = await StubHarness.StartAsync();
        var ada = await sp.CreateUserAsync("ada");
        var group = await CreateGroupAsync(sp, "Engineers", ada);

        using var deleted = await sp.Scim.DeleteAsync($"Users/{ada}");
        using var response = await sp.Scim.GetAsync($"Groups/{group}");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["members"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task DeleteGroup_Returns204AndTheGroupIsGone()
    {
        await using var sp = await StubHarness.StartAsync();
        var group = await CreateGroupAsync(sp, "Engineers");

        using var deleted = await sp.Scim.DeleteAsync($"Groups/{group}");
        using var fetched = await sp.Scim.GetAsync($"Groups/{group}");

        Assert.Multiple(() =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    private static async Task<string> CreateGroupAsync(StubHarness sp, string name, params string[] members)
    {
        var list = string.Join(",", members.Select(m => $$"""{"value":"{{m}}"}"""));
        using var response = await sp.PostAsync("Groups", $$"""{"displayName":"{{name}}","members":[{{list}}]}""");
        var body = await StubHarness.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    private static IEnumerable<string> MemberIds(JsonObject group) =>
        group["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>());
}
