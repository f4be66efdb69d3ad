using System.Text.Json.Nodes;
using Conformance.Core.Insights;
using Conformance.Scim.Mapping;
using Conformance.Scim.Tests.Support;

namespace Conformance.Scim.Tests.Mapping;

public sealed class MappingTests
{
    private static readonly Core.Directories.DirectoryUser Ada = new()
    {
        Id = "u1",
        Username = "ada",
        Email = "ada@example.test",
        FirstName = "Ada",
        LastName = "Lovelace",
        EmployeeIdentifier = "E1",
        JobTitle = "Countess",
        WorkPhone = "+1 555 0100",
        Password = "x",
    };

    [Test]
    public void DefaultMappings_AreTheBlueJeansTableWithUserNameAndActiveRequired()
    {
        var mapping = new UserMapping();

        Assert.That(mapping.Included.Select(m => $"{m.JumpCloudProperty}->{m.ScimAttribute}"), Is.EqualTo((string[])
        [
            "username->userName", "employeeIdentifier->externalId", "active->active", "firstname->name.givenName",
            "lastname->name.familyName", "email->emails", "jobTitle->title", "phoneNumbers.value->phoneNumbers",
        ]));
        Assert.That(mapping.Included.Where(m => m.Required).Select(m => m.ScimAttribute), Is.EqualTo((string[])["userName", "active"]));
    }

    [Test]
    public void DefaultMappings_NameEachRowAsTheGuidesTableDoes()
    {
        // "| JumpCloud Property | JumpCloud UI | SCIM v2 Mapping |", jobTitle sent as title (README: how the guide is read).
        Assert.That(new UserMapping().Included.Select(m => $"{m.JumpCloudProperty} | {m.JumpCloudLabel} | {m.ScimAttribute}"), Is.EqualTo((string[])
        [
            "username | Username | userName", "employeeIdentifier | Employee ID | externalId", "active | Status | active",
            "firstname | First Name | name.givenName", "lastname | Last Name | name.familyName", "email | Company Email | emails",
            "jobTitle | Job Title | title", "phoneNumbers.value | Work Phone | phoneNumbers",
        ]));
    }

    [Test]
    public void Resource_IsACoreUserWithEveryRowShaped()
    {
        var user = Ada with { Active = false };

        var resource = new UserMapping().Resource(user, password: null);

        Assert.That(JsonNode.DeepEquals(resource, JsonNode.Parse(
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada","externalId":"E1","active":false,"name":{"givenName":"Ada","familyName":"Lovelace"},"emails":[{"value":"ada@example.test","type":"work","primary":true}],"title":"Countess","phoneNumbers":[{"value":"+1 555 0100","type":"work"}]}""")), Is.True, resource.ToJsonString());
    }

    [TestCase(null)]
    [TestCase("S3cret \"pass\" <&> é")]
    public void ResourceUtf8_ForEveryShapeOfUser_IsTheResourcesJsonTextByteForByte(string? password)
    {
        // Every character class the writer escapes: quotes, backslashes, controls, HTML-sensitive, non-ASCII, a surrogate pair.
        var full = Ada with
        {
            Username = "renée.o'brien+x@example.test",
            FirstName = "Zoë \"Zo\"",
            LastName = "Ørsted 😀 <b>&amp;</b>",
            EmployeeIdentifier = "E\\1\t",
        };
        DirectoryUserCase[] users =
        [
            new(full, []),
            new(full with { Active = false, FirstName = "" }, []),
            new(full with { LastName = "" }, []),
            new(full with { FirstName = "", LastName = "", Email = "", WorkPhone = "" }, []),
            new(full, ["name.givenName"]),
            new(full, ["externalId", "name.givenName", "name.familyName", "emails", "title", "phoneNumbers"]),
            new(full, ["emails", "title"]),
        ];

        foreach (var (user, excluded) in users)
        {
            var mapping = new UserMapping();
            foreach (var attribute in excluded)
            {
                mapping.Exclude(attribute);
            }

            Assert.That(System.Text.Encoding.UTF8.GetString(mapping.ResourceUtf8(user, password)),
                Is.EqualTo(mapping.Resource(user, password).ToJsonString()), $"{user}, without {string.Join(", ", excluded)}");
        }
    }

    private sealed record DirectoryUserCase(Core.Directories.DirectoryUser User, string[] Excluded);

    [TestCase("""[{"value":"a","type":"home"},{"value":"b","type":"work"},{"value":"c","primary":true}]""", "c")]
    [TestCase("""[{"value":"a","type":"home"},{"value":"b","type":"WORK"}]""", "b")]
    [TestCase("""[{"value":"a","type":"home"},{"value":"b","primary":false}]""", "a")]
    [TestCase("""[]""", null)]
    public void Pick_TakesThePrimaryThenTheWorkThenTheFirstEntry(string values, string? picked)
    {
        Assert.That(UserMapping.Str(UserMapping.Pick(JsonNode.Parse(values))?["value"]), Is.EqualTo(picked));
    }

    [Test]
    public void Str_OfAnEmptyString_IsNoValue()
    {
        Assert.That(UserMapping.Str(JsonValue.Create("")), Is.Null);
    }

    [Test]
    public async Task ExcludingAnOptionalRow_StopsSendingIt()
    {
        await using var h = await ActivatedAsync();

        var outcome = h.BlueJeans.ExcludeMapping("title");
        await h.ProvisionedAsync();

        Assert.That(outcome.Success, Is.True);
        Assert.That(h.BlueJeans.ExcludedMappings.Select(m => m.ScimAttribute), Is.EqualTo((string[])["title"]));
        Assert.That(PostedUser(h).ContainsKey("title"), Is.False);
        Assert.That(PostedUser(h).ContainsKey("phoneNumbers"), Is.True);
    }

    [Test]
    public async Task ExcludingAnOptionalRow_StopsUpdatingIt()
    {
        await using var h = await ActivatedAsync();
        var user = await h.ProvisionedAsync();
        h.BlueJeans.ExcludeMapping("title");

        h.Directory.UpdateUser(user.Id, u => u with { JobTitle = "Countess", LastName = "King" });
        await h.IdleAsync();

        var patch = JsonNode.Parse(h.Sp.Requests.Single(r => r.Method == "PATCH").Body)!;
        Assert.That(patch["Operations"]!.AsArray().Select(o => (string?)o!["path"]), Is.EqualTo((string[])["name.familyName"]));
    }

    [Test]
    public async Task ExcludingARequiredRow_IsRefused()
    {
        await using var h = await ActivatedAsync();

        var outcome = h.BlueJeans.ExcludeMapping("userName");

        Assert.That(outcome.Success, Is.False);
        Assert.That(outcome.Message, Does.Contain("required"));
        Assert.That(h.BlueJeans.Mappings.Select(m => m.ScimAttribute), Does.Contain("userName"));
        Assert.That(h.Events(InsightsEventTypes.IdmIntegrationUpdate).Single().Success, Is.False);
    }

    [Test]
    public async Task IncludingAPreviouslyExcludedRow_SendsItAgain()
    {
        await using var h = await ActivatedAsync();
        h.BlueJeans.ExcludeMapping("title");

        var outcome = h.BlueJeans.IncludeMapping("title");
        await h.ProvisionedAsync();

        Assert.That(outcome.Success, Is.True);
        Assert.That((string?)PostedUser(h)["title"], Is.EqualTo("Analyst"));
        Assert.That(h.Events(InsightsEventTypes.IdmIntegrationUpdate).Select(e => e.Success), Is.EqualTo((bool[])[true, true]));
    }

    [TestCase("timezone")]
    [TestCase("bjnUserName")]
    [TestCase("nickName")]
    public async Task IncludingACustomAttribute_IsRefused(string attribute)
    {
        await using var h = await ActivatedAsync();

        var outcome = h.BlueJeans.IncludeMapping(attribute);

        Assert.That(outcome.Success, Is.False);
        Assert.That(outcome.Message, Does.Contain("you cannot add any additional custom attributes"));
        Assert.That(h.BlueJeans.Mappings, Has.Count.EqualTo(8));
    }

    [Test]
    public async Task RestoringDefaults_ReincludesEveryExcludedRow()
    {
        await using var h = await ActivatedAsync();
        h.BlueJeans.ExcludeMapping("title");
        h.BlueJeans.ExcludeMapping("phoneNumbers");

        var outcome = h.BlueJeans.RestoreDefaultMappings();
        await h.ProvisionedAsync();

        Assert.That(outcome.Success, Is.True);
        Assert.That(h.BlueJeans.ExcludedMappings, Is.Empty);
        Assert.That(PostedUser(h).ContainsKey("title") && PostedUser(h).ContainsKey("phoneNumbers"), Is.True);
    }

    [Test]
    public async Task MappingEdits_OnAnInactiveIntegration_LogNothing()
    {
        await using var h = await IdmHarness.StartAsync();

        h.BlueJeans.ExcludeMapping("title");

        Assert.That(h.Insights.Events, Is.Empty);
    }

    private static JsonObject PostedUser(IdmHarness h) =>
        JsonNode.Parse(h.Sp.Requests.Single(r => r.Method == "POST").Body)!.AsObject();

    private static async Task<IdmHarness> ActivatedAsync() => await (await IdmHarness.StartAsync()).ActivatedAsync();
}
