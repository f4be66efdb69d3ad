using System.Net;
using BlueJeans.Stub.Scim;

namespace BlueJeans.Stub.Tests.Scim;

public class ScimApiUserTests
{
    private const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";

    [Test]
    public async Task CreateUser_WithValidBody_Returns201WithIdMetaAndLocation()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.PostAsync("Users", $$"""{"schemas":["{{UserSchema}}"],"userName":"ada","externalId":"E-1","name":{"givenName":"Ada","familyName":"Lovelace"},"emails":[{"value":"ada@example.com","type":"work","primary":true}]}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/scim+json"));
            Assert.That(body["id"]?.GetValue<string>(), Is.Not.Empty);
            Assert.That(body["active"]?.GetValue<bool>(), Is.True);
            Assert.That(body["meta"]?["resourceType"]?.GetValue<string>(), Is.EqualTo("User"));
            Assert.That(body["meta"]?["created"]?.GetValue<string>(), Is.EqualTo("2025-03-14T09:00:00.000Z"));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"{sp.Stub.ScimBaseUrl}/Users/{body["id"]}"));
        });
    }

    [Test]
    public async Task CreateUser_WithThirtyCharacterUserName_IsAccepted()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.PostAsync("Users", $$"""{"userName":"{{new string('a', 30)}}"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task CreateUser_WithThirtyOneCharacterUserName_Returns400InvalidValueScimError()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.PostAsync("Users", $$"""{"userName":"{{new string('a', 31)}}"}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/scim+json"));
            Assert.That(body["schemas"]?[0]?.GetValue<string>(), Is.EqualTo("urn:ietf:params:scim:api:messages:2.0:Error"));
            Assert.That(body["status"]?.GetValue<string>(), Is.EqualTo("400"));
            Assert.That(body["scimType"]?.GetValue<string>(), Is.EqualTo("invalidValue"));
            Assert.That(body["detail"]?.GetValue<string>(), Is.EqualTo("Bluejeans does not allow userNames that exceed 30 characters."));
        });
    }

    [Test]
    public async Task CreateUser_WithThirtyOneCharacterUserNameAndLengthDefenceOff_IsAccepted()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.SetDefence(StubDefences.UserNameLength, false);

        using var response = await sp.PostAsync("Users", $$"""{"userName":"{{new string('a', 31)}}"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task RenameUser_ToThirtyOneCharacters_Returns400AndKeepsOldName()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody($$"""{"op":"replace","path":"userName","value":"{{new string('b', 31)}}"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(sp.Stub.GetUser("ada"), Is.Not.Null);
        });
    }

    [Test]
    public async Task CreateUser_WithDuplicateUserNameInOtherCase_Returns409Uniqueness()
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("ada");

        using var response = await sp.PostAsync("Users", """{"userName":"ADA"}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(body["status"]?.GetValue<string>(), Is.EqualTo("409"));
            Assert.That(body["scimType"]?.GetValue<string>(), Is.EqualTo("uniqueness"));
        });
    }

    [Test]
    public async Task CreateUser_WithDuplicateUserNameAndUniquenessDefenceOff_IsAccepted()
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("ada");
        sp.Stub.SetDefence(StubDefences.Uniqueness, false);

        using var response = await sp.PostAsync("Users", """{"userName":"ada"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task CreateUser_WithoutUserName_Returns400InvalidValue()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.PostAsync("Users", """{"name":{"givenName":"Ada"}}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["scimType"]?.GetValue<string>(), Is.EqualTo("invalidValue"));
    }

    [Test]
    public async Task CreateUser_WithBrokenJson_Returns400InvalidSyntax()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.PostAsync("Users", """{"userName":""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["scimType"]?.GetValue<string>(), Is.EqualTo("invalidSyntax"));
    }

    [Test]
    public async Task GetUser_ById_ReturnsTheUser()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");

        using var response = await sp.Scim.GetAsync($"Users/{id}");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["userName"]?.GetValue<string>(), Is.EqualTo("ada"));
    }

    [Test]
    public async Task GetUser_WithUnknownId_Returns404ScimError()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.Scim.GetAsync("Users/nope");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body["status"]?.GetValue<string>(), Is.EqualTo("404"));
        });
    }

    [TestCase("userName eq \"ADA\"")]
    [TestCase("externalid eq \"e-1\"")]
    [TestCase("displayName eq \"ada lovelace\"")]
    public async Task ListUsers_WithEqFilter_MatchesCaseInsensitively(string filter)
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("ada", ""","externalId":"E-1","displayName":"Ada Lovelace" """);
        await sp.CreateUserAsync("grace", ""","externalId":"E-2","displayName":"Grace Hopper" """);

        using var response = await sp.Scim.GetAsync($"Users?filter={Uri.EscapeDataString(filter)}");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(body["schemas"]?[0]?.GetValue<string>(), Is.EqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
            Assert.That(body["totalResults"]?.GetValue<int>(), Is.EqualTo(1));
            Assert.That(body["Resources"]?[0]?["userName"]?.GetValue<string>(), Is.EqualTo("ada"));
        });
    }

    [Test]
    public async Task ListUsers_ByUserNameAfterRename_FindsTheNewNameOnly()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");
        using var renamed = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody("""{"op":"replace","path":"userName","value":"augusta"}"""));

        using var byOld = await sp.Scim.GetAsync($"Users?filter={Uri.EscapeDataString("userName eq \"ada\"")}");
        using var byNew = await sp.Scim.GetAsync($"Users?filter={Uri.EscapeDataString("userName eq \"AUGUSTA\"")}");
        var old = await StubHarness.ReadJsonAsync(byOld);
        var now = await StubHarness.ReadJsonAsync(byNew);

        Assert.Multiple(() =>
        {
            Assert.That(old["totalResults"]?.GetValue<int>(), Is.Zero);
            Assert.That(now["totalResults"]?.GetValue<int>(), Is.EqualTo(1));
            Assert.That(now["Resources"]?[0]?["id"]?.GetValue<string>(), Is.EqualTo(id));
        });
    }

    [Test]
    public async Task ListUsers_WithDuplicateUserNamesAndUniquenessDefenceOff_ReturnsBothInCreationOrder()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.SetDefence(StubDefences.Uniqueness, false);
        var first = await sp.CreateUserAsync("ada");
        var second = await sp.CreateUserAsync("ADA");

        using var response = await sp.Scim.GetAsync($"Users?filter={Uri.EscapeDataString("userName eq \"Ada\"")}");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["Resources"]!.AsArray().Select(r => r?["id"]?.GetValue<string>()), Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public async Task CreateUser_WithTheUserNameOfADeletedUser_IsAccepted()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");
        using var deleted = await sp.Scim.DeleteAsync($"Users/{id}");

        using var response = await sp.PostAsync("Users", """{"userName":"Ada"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task ListUsers_WithFilterMatchingNobody_ReturnsEmptyList()
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("ada");

        using var response = await sp.Scim.GetAsync($"Users?filter={Uri.EscapeDataString("userName eq \"nobody\"")}");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["totalResults"]?.GetValue<int>(), Is.Zero);
            Assert.That(body["Resources"]?.AsArray(), Is.Empty);
        });
    }

    [TestCase("userName co \"a\"")]
    [TestCase("title eq \"x\"")]
    public async Task ListUsers_WithUnsupportedFilter_Returns400InvalidFilter(string filter)
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.Scim.GetAsync($"Users?filter={Uri.EscapeDataString(filter)}");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body["scimType"]?.GetValue<string>(), Is.EqualTo("invalidFilter"));
        });
    }

    [Test]
    public async Task ListUsers_WithStartIndexAndCount_ReturnsThatPage()
    {
        await using var sp = await StubHarness.StartAsync();
        foreach (var name in Enumerable.Range(1, 5).Select(i => $"u{i}"))
        {
            await sp.CreateUserAsync(name);
        }

        using var response = await sp.Scim.GetAsync("Users?startIndex=2&count=2");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(body["totalResults"]?.GetValue<int>(), Is.EqualTo(5));
            Assert.That(body["startIndex"]?.GetValue<int>(), Is.EqualTo(2));
            Assert.That(body["itemsPerPage"]?.GetValue<int>(), Is.EqualTo(2));
            Assert.That(string.Join(",", body["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>())), Is.EqualTo("u2,u3"));
        });
    }

    [Test]
    public async Task ListUsers_PastTheLastPage_ReturnsNoResourcesButTheTotal()
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("u1");

        using var response = await sp.Scim.GetAsync("Users?startIndex=5&count=10");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(body["totalResults"]?.GetValue<int>(), Is.EqualTo(1));
            Assert.That(body["itemsPerPage"]?.GetValue<int>(), Is.Zero);
        });
    }

    [Test]
    public async Task PutUser_ReplacesTheAttributesAndKeepsIdAndCreated()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada", ""","title":"Countess" """);
        sp.Time.Advance(TimeSpan.FromMinutes(5));

        using var response = await sp.PutAsync($"Users/{id}", """{"userName":"ada","name":{"givenName":"Ada"}}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["id"]?.GetValue<string>(), Is.EqualTo(id));
            Assert.That(body["title"], Is.Null);
            Assert.That(body["name"]?["givenName"]?.GetValue<string>(), Is.EqualTo("Ada"));
            Assert.That(body["meta"]?["created"]?.GetValue<string>(), Is.EqualTo("2025-03-14T09:00:00.000Z"));
            Assert.That(body["meta"]?["lastModified"]?.GetValue<string>(), Is.EqualTo("2025-03-14T09:05:00.000Z"));
        });
    }

    [Test]
    public async Task PatchUser_WithOneReplacePerAttribute_UpdatesEachAttribute()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada", ""","emails":[{"value":"old@example.com","type":"work","primary":true}]""");

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody(
            """{"op":"replace","path":"name.givenName","value":"Augusta"}""",
            """{"op":"replace","path":"emails[type eq \"work\"].value","value":"new@example.com"}""",
            """{"op":"Replace","path":"title","value":"Analyst"}""",
            """{"op":"add","path":"phoneNumbers","value":[{"value":"555-0100","type":"work"}]}"""));
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["name"]?["givenName"]?.GetValue<string>(), Is.EqualTo("Augusta"));
            Assert.That(body["emails"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(body["emails"]?[0]?["value"]?.GetValue<string>(), Is.EqualTo("new@example.com"));
            Assert.That(body["title"]?.GetValue<string>(), Is.EqualTo("Analyst"));
            Assert.That(body["phoneNumbers"]?[0]?["value"]?.GetValue<string>(), Is.EqualTo("555-0100"));
        });
    }

    [Test]
    public async Task PatchUser_WithoutPath_MergesTheValueObject()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada", ""","name":{"givenName":"Ada","familyName":"Lovelace"}""");

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody("""{"op":"replace","value":{"name":{"givenName":"Augusta"},"active":"False"}}"""));
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(body["name"]?["givenName"]?.GetValue<string>(), Is.EqualTo("Augusta"));
            Assert.That(body["name"]?["familyName"]?.GetValue<string>(), Is.EqualTo("Lovelace"));
            Assert.That(body["active"]?.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task PatchUser_RemoveAttribute_DropsIt()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada", ""","title":"Countess" """);

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody("""{"op":"remove","path":"title"}"""));
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["title"], Is.Null);
    }

    [Test]
    public async Task PatchUser_WithUnknownOp_Returns400InvalidSyntax()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody("""{"op":"move","path":"title","value":"x"}"""));
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["scimType"]?.GetValue<string>(), Is.EqualTo("invalidSyntax"));
    }

    [TestCase(0)]
    [TestCase(250)]
    public async Task Deprovision_WithAtMost250Recordings_DeactivatesTheUser(int recordings)
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");
        sp.Stub.SetRecordings("ada", recordings);

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody("""{"op":"replace","path":"active","value":false}"""));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sp.Stub.GetUser("ada")?["active"]?.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task Deprovision_With251Recordings_FailsAndLeavesTheUserUnchanged()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada", ""","title":"Countess" """);
        sp.Stub.SetRecordings("ada", 251);

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody(
            """{"op":"replace","path":"title","value":"Former"}""",
            """{"op":"replace","path":"active","value":false}"""));
        var body = await StubHarness.ReadJsonAsync(response);
        var stored = sp.Stub.GetUser("ada");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body["detail"]?.GetValue<string>(), Does.Contain("A maximum of 250 user recoding can be transferred during de-provisioning."));
            Assert.That(stored?["active"]?.GetValue<bool>(), Is.True);
            Assert.That(stored?["title"]?.GetValue<string>(), Is.EqualTo("Countess"));
        });
    }

    [Test]
    public async Task DeprovisionByPut_With251Recordings_FailsAndLeavesTheUserActive()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");
        sp.Stub.SetRecordings("ada", 251);

        using var response = await sp.PutAsync($"Users/{id}", """{"userName":"ada","active":false}""");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(sp.Stub.GetUser("ada")?["active"]?.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Deprovision_With251RecordingsAndRecordingsDefenceOff_DeactivatesTheUser()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");
        sp.Stub.SetRecordings("ada", 251);
        sp.Stub.SetDefence(StubDefences.RecordingsLimit, false);

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody("""{"op":"replace","path":"active","value":false}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Password_IsStoredHashed_NeverReturned_AndMaskedInTheJournal()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada", ""","password":"Tr0ub4dor&3" """);

        using var response = await sp.Scim.GetAsync($"Users/{id}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("password").IgnoreCase);
            Assert.That(sp.Stub.VerifyPassword("ada", "Tr0ub4dor&3"), Is.True);
            Assert.That(sp.Stub.VerifyPassword("ada", "wrong"), Is.False);
            Assert.That(sp.Stub.GetUser("ada")?[ScimStore.BlueJeansSchema]?["passwordSet"]?.GetValue<bool>(), Is.True);
            Assert.That(sp.Stub.GetJournal()[0].Body, Does.Not.Contain("Tr0ub4dor"));
        });
    }

    [Test]
    public async Task PatchPassword_ReplacesTheStoredHash()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada", ""","password":"first-secret" """);

        using var response = await sp.PatchAsync($"Users/{id}", StubHarness.PatchBody("""{"op":"replace","path":"password","value":"second-secret"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sp.Stub.VerifyPassword("ada", "second-secret"), Is.True);
        });
    }

    [Test]
    public async Task SpOnlyAttributes_AreSetByTheSpAndNotTakenFromTheIdp()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.PostAsync("Users", $$$"""{"userName":"Ada.L","{{{ScimStore.BlueJeansSchema}}}":{"bjnUserName":"evil","timezone":"Mars/Olympus"}}""");
        var body = await StubHarness.ReadJsonAsync(response);
        var spOnly = body[ScimStore.BlueJeansSchema];

        Assert.Multiple(() =>
        {
            Assert.That(spOnly?["bjnUserName"]?.GetValue<string>(), Is.EqualTo("ada.l"));
            Assert.That(spOnly?["timezone"]?.GetValue<string>(), Is.EqualTo(ScimStore.DefaultTimezone));
            Assert.That(sp.Stub.GetJournal()[0].Body, Does.Contain("Mars/Olympus"), "the journal keeps what the IdP sent");
        });
    }

    [Test]
    public async Task DeleteUser_Returns204AndTheUserIsGone()
    {
        await using var sp = await StubHarness.StartAsync();
        var id = await sp.CreateUserAsync("ada");

        using var deleted = await sp.Scim.DeleteAsync($"Users/{id}");
        using var fetched = await sp.Scim.GetAsync($"Users/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task DeleteUser_WithUnknownId_Returns404()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.Scim.DeleteAsync("Users/nope");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("ServiceProviderConfig", "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")]
    [TestCase("Schemas", "urn:ietf:params:scim:api:messages:2.0:ListResponse")]
    [TestCase("ResourceTypes", "urn:ietf:params:scim:api:messages:2.0:ListResponse")]
    public async Task DiscoveryEndpoint_IsServedFromTheStaticMappings(string path, string schema)
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.Scim.GetAsync(path);
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/scim+json"));
            Assert.That(body["schemas"]?[0]?.GetValue<string>(), Is.EqualTo(schema));
        });
    }

    [Test]
    public async Task Schemas_DescribeTheBlueJeansExtension()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.Scim.GetAsync("Schemas");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.That(body["Resources"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()), Does.Contain(ScimStore.BlueJeansSchema));
    }

    [Test]
    public async Task UnknownScimPath_Returns404ScimError()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.Scim.GetAsync("Widgets");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body["schemas"]?[0]?.GetValue<string>(), Is.EqualTo("urn:ietf:params:scim:api:messages:2.0:Error"));
        });
    }
}
