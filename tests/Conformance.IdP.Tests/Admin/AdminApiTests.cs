using System.Net;
using System.Net.Http.Json;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.IdP.Agent;
using Microsoft.Extensions.Time.Testing;

namespace Conformance.IdP.Tests.Admin;

/// <summary>The JSON admin API of <c>serve idp</c>: enough to set up an SSO login by HTTP alone.</summary>
public class AdminApiTests
{
    internal sealed class NullSink : Core.Saml.ISamlMessageSink
    {
        public void Record(Core.Saml.SamlMessageRecord message) { }
    }

    private static MockIdpOptions Options(bool admin)
    {
        var directory = new JumpCloudDirectory();
        return new MockIdpOptions
        {
            Directory = directory,
            Catalog = new ApplicationCatalog(directory),
            Sink = new NullSink(),
            Time = new FakeTimeProvider(DateTimeOffset.UtcNow),
            EnableAdminApi = admin,
        };
    }

    [Test]
    public async Task Admin_CreatesUserGroupAppSsoAndBinding_ThenTheUserCanLaunch()
    {
        await using var idp = await MockIdpServer.StartAsync(Options(admin: true));
        using var http = Client(idp);

        using var user = await http.PostAsJsonAsync("/admin/users", new { id = "u9", username = "grace", email = "grace@example.test", password = "Hopper-1906" });
        using var group = await http.PostAsJsonAsync("/admin/groups", new { id = "g9", name = "Engineers" });
        using var member = await http.PostAsync("/admin/groups/g9/members/u9", null);
        using var app = await http.PostAsJsonAsync("/admin/apps", new { name = "BlueJeans", ssoSuffix = "bj" });
        var appId = idp.Options.Catalog.Get("bj").Id;
        using var sso = await http.PutAsJsonAsync($"/admin/apps/{appId}/sso", new { spEntityId = "https://sp.example.test", acsUrl = "https://sp.example.test/acs", signing = "Both" });
        using var bind = await http.PostAsync($"/admin/apps/{appId}/groups/g9", null);
        using var agent = new SsoUserAgent(new Uri(idp.BaseUrl), new ExchangeJournal(), new Redactor(), TimeProvider.System);
        await agent.LoginAsync("grace", "Hopper-1906");
        var console = await agent.OpenAsync(new Uri(idp.UserConsoleUrl));

        Assert.Multiple(() =>
        {
            Assert.That(new[] { user.StatusCode, group.StatusCode, app.StatusCode }, Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(new[] { member.StatusCode, sso.StatusCode, bind.StatusCode }, Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(console.FinalBody, Does.Contain($"data-app-id=\"{appId}\""));
            Assert.That(idp.DescribeUrls(), Does.Contain($"{idp.BaseUrl}/saml2/bj").And.Contain(idp.AdminUrl));
        });
    }

    [Test]
    public async Task Admin_RefusedChange_Answers400WithTheReason()
    {
        await using var idp = await MockIdpServer.StartAsync(Options(admin: true));
        using var http = Client(idp);
        using var first = await http.PostAsJsonAsync("/admin/apps", new { name = "A", ssoSuffix = "same" });

        using var second = await http.PostAsJsonAsync("/admin/apps", new { name = "B", ssoSuffix = "same" });

        Assert.Multiple(async () =>
        {
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("already used"));
        });
    }

    [Test]
    public async Task Admin_IsOffByDefault()
    {
        await using var idp = await MockIdpServer.StartAsync(Options(admin: false));
        using var http = Client(idp);

        using var answer = await http.GetAsync(idp.AdminUrl);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Admin_WithoutTheApiKey_Answers401AndChangesNothing()
    {
        await using var idp = await MockIdpServer.StartAsync(Options(admin: true));
        using var http = new HttpClient { BaseAddress = new Uri(idp.BaseUrl) };

        using var answer = await http.PostAsJsonAsync("/admin/apps", new { name = "BlueJeans", ssoSuffix = "bj" });

        Assert.Multiple(async () =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("x-api-key"));
            Assert.That(idp.Options.Catalog.Applications, Is.Empty);
        });
    }

    [Test]
    public async Task Admin_FromACrossSiteForm_IsRefused()
    {
        await using var idp = await MockIdpServer.StartAsync(Options(admin: true));
        using var http = new HttpClient { BaseAddress = new Uri(idp.BaseUrl) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["acsUrl"] = "https://attacker.example/acs" });
        using var request = new HttpRequestMessage(HttpMethod.Put, "/admin/apps/bj/sso") { Content = form };
        request.Headers.Add("Origin", "https://attacker.example");

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a page cannot set x-api-key on a cross-site form");
    }

    [Test]
    public async Task Admin_WithTheKeyButAForeignHost_Answers400()
    {
        await using var idp = await MockIdpServer.StartAsync(Options(admin: true));
        using var http = Client(idp);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/apps");
        request.Headers.Host = "rebound.attacker.example";

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a rebinding DNS name is not this IdP");
    }

    [Test]
    public async Task Admin_WithAWrongKey_Answers401()
    {
        await using var idp = await MockIdpServer.StartAsync(Options(admin: true) with { ApiKey = "the-right-key" });
        using var http = new HttpClient { BaseAddress = new Uri(idp.BaseUrl) };
        http.DefaultRequestHeaders.Add("x-api-key", "the-right-kez");

        using var answer = await http.GetAsync("/admin/apps");

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    /// <summary>A client of the admin API as its user has it: the key <c>serve idp</c> printed.</summary>
    internal static HttpClient Client(MockIdpServer idp)
    {
        var http = new HttpClient { BaseAddress = new Uri(idp.BaseUrl) };
        http.DefaultRequestHeaders.Add("x-api-key", idp.ApiKey);
        return http;
    }
}
