using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlueJeans.Stub.Scim;

namespace BlueJeans.Stub.Tests.Control;

public class ControlApiTests
{
    [Test]
    public async Task PostToken_ReturnsATokenTheScimApiAccepts()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.ControlAsync(HttpMethod.Post, "/token");
        var token = (await StubHarness.ReadJsonAsync(response))["token"]!.GetValue<string>();
        sp.Scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var scim = await sp.Scim.GetAsync("Users");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(token, Is.Not.EqualTo(sp.Token));
            Assert.That(scim.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task PutSaml_ThenGetSaml_ShowsTheSettingsAndWhatTheSpGenerates()
    {
        await using var sp = await StubHarness.StartAsync();

        using var put = await sp.ControlAsync(HttpMethod.Put, "/saml", new { enabled = true, loginUrl = "https://sso.jumpcloud.com/saml2/bluejeans", userIdAttribute = "uid", pickUserIdFromNameId = false });
        using var get = await sp.ControlAsync(HttpMethod.Get, "/saml");
        var page = await StubHarness.ReadJsonAsync(get);

        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(page["loginUrl"]?.GetValue<string>(), Is.EqualTo("https://sso.jumpcloud.com/saml2/bluejeans"));
            Assert.That(page["pickUserIdFromNameId"]?.GetValue<bool>(), Is.False);
            Assert.That(page["entityId"]?.GetValue<string>(), Is.EqualTo(sp.Stub.EntityId));
            Assert.That(page["acsUrl"]?.GetValue<string>(), Is.EqualTo(sp.Stub.AcsUrl));
            Assert.That(page["loginLink"]?.GetValue<string>(), Is.EqualTo(sp.Stub.LoginLinkUrl));
            Assert.That(page["relayState"]?.GetValue<string>(), Does.StartWith("bjn-"));
        });
    }

    [Test]
    public async Task PutSaml_WithACertificateThatIsNotPem_Returns400()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.ControlAsync(HttpMethod.Put, "/saml", new { certificatePem = "not a certificate" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task GetUser_ShowsSpOnlyAttributesAndRecordings()
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("ada");

        using var put = await sp.ControlAsync(HttpMethod.Put, "/users/ada/recordings", new { count = 251 });
        using var get = await sp.ControlAsync(HttpMethod.Get, "/users/ada");
        var user = await StubHarness.ReadJsonAsync(get);

        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(user[ScimStore.BlueJeansSchema]?["recordings"]?.GetValue<int>(), Is.EqualTo(251));
            Assert.That(user[ScimStore.BlueJeansSchema]?["timezone"]?.GetValue<string>(), Is.EqualTo(ScimStore.DefaultTimezone));
        });
    }

    [Test]
    public async Task UnknownUser_Returns404ForGetAndRecordings()
    {
        await using var sp = await StubHarness.StartAsync();

        using var get = await sp.ControlAsync(HttpMethod.Get, "/users/nobody");
        using var put = await sp.ControlAsync(HttpMethod.Put, "/users/nobody/recordings", new { count = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task PostFaults_ThenDeleteFaults_InjectsAndRemoves()
    {
        await using var sp = await StubHarness.StartAsync();

        using var post = await sp.ControlAsync(HttpMethod.Post, "/faults", new { method = "GET", path = "/Users", kind = "status", status = 503, retryAfterSeconds = 1, times = 0 });
        using var faulted = await sp.Scim.GetAsync("Users");
        using var delete = await sp.ControlAsync(HttpMethod.Delete, "/faults");
        using var healthy = await sp.Scim.GetAsync("Users");

        Assert.Multiple(() =>
        {
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(faulted.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(healthy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task PostFaults_WithUnknownKind_Returns400()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.ControlAsync(HttpMethod.Post, "/faults", new { kind = "explode" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task PutDefence_SwitchesItOff_AndUnknownNamesAre404()
    {
        await using var sp = await StubHarness.StartAsync();

        using var known = await sp.ControlAsync(HttpMethod.Put, "/defences/username-length", new { enabled = false });
        using var unknown = await sp.ControlAsync(HttpMethod.Put, "/defences/moat", new { enabled = false });
        using var longName = await sp.PostAsync("Users", $$"""{"userName":"{{new string('a', 31)}}"}""");

        Assert.Multiple(() =>
        {
            Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(longName.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        });
    }

    [Test]
    public async Task PostReset_ForgetsStateButKeepsTokenAndSamlSettings()
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("ada");
        sp.Stub.ConfigureSaml(new SamlSettings { LoginUrl = "https://sso.jumpcloud.com/saml2/bluejeans" });
        sp.Stub.SetDefence(StubDefences.Uniqueness, false);

        using var reset = await sp.ControlAsync(HttpMethod.Post, "/reset");
        using var users = await sp.Scim.GetAsync("Users");
        var list = await StubHarness.ReadJsonAsync(users);

        Assert.Multiple(() =>
        {
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the token survives");
            Assert.That(list["totalResults"]?.GetValue<int>(), Is.Zero);
            Assert.That(sp.Stub.GetJournal(), Has.Count.EqualTo(1), "only the request after the reset");
            Assert.That(sp.Stub.GetSaml().Settings.LoginUrl, Is.EqualTo("https://sso.jumpcloud.com/saml2/bluejeans"));
        });
    }

    [Test]
    public async Task GetJournalAndSessions_AnswerJsonArrays()
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("ada");

        var journal = await sp.Browser.GetFromJsonAsync<JsonArray>(sp.Stub.ControlUrl + "/journal");
        var sessions = await sp.Browser.GetFromJsonAsync<JsonArray>(sp.Stub.ControlUrl + "/sessions");

        Assert.Multiple(() =>
        {
            Assert.That(journal?[0]?["method"]?.GetValue<string>(), Is.EqualTo("POST"));
            Assert.That(journal?[0]?["status"]?.GetValue<int>(), Is.EqualTo(201));
            Assert.That(journal?[0]?["at"], Is.Not.Null);
            Assert.That(sessions, Is.Empty);
        });
    }
}
