using System.Net;
using System.Text.RegularExpressions;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.IdP.Tests.Admin;

namespace Conformance.IdP.Tests.Portal;

/// <summary>The Admin Portal refuses what a hostile page or a stranger would try, over plain HTTP.</summary>
public partial class PortalSecurityTests
{
    private static async Task<(MockIdpServer Idp, HttpClient Http)> StartAsync()
    {
        var directory = new JumpCloudDirectory();
        var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Directory = directory, Catalog = new ApplicationCatalog(directory), Sink = new AdminApiTests.NullSink() });
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(idp.BaseUrl) };
        return (idp, http);
    }

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient http, string password, string query = "")
    {
        var page = await http.GetStringAsync("/portal/login" + query);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "admin-login",
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
            ["Email"] = "admin@conformance.test",
            ["Password"] = password,
        });
        return await http.PostAsync("/portal/login" + query, form);
    }

    [Test]
    public async Task Portal_WithoutSigningIn_SendsToTheLoginPage()
    {
        var (idp, http) = await StartAsync();
        await using var _ = idp;
        using var __ = http;

        using var answer = await http.GetAsync("/portal/applications");

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(answer.Headers.Location?.AbsolutePath, Is.EqualTo("/portal/login"));
    }

    [Test]
    public async Task LogIn_WithAWrongPassword_SaysSoAndSetsNoSession()
    {
        var (idp, http) = await StartAsync();
        await using var _ = idp;
        using var __ = http;

        using var answer = await LogInAsync(http, "not-the-password");
        using var after = await http.GetAsync("/portal/applications");

        Assert.Multiple(async () =>
        {
            Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("The email or password is not correct."));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        });
    }

    [Test]
    public async Task LogIn_WithAReturnToAnotherSite_StaysInThePortal()
    {
        var (idp, http) = await StartAsync();
        await using var _ = idp;
        using var __ = http;

        using var answer = await LogInAsync(http, idp.AdminPassword, "?return=%2F%2Fattacker.example%2Fportal%2Fx");

        Assert.That(answer.Headers.Location?.ToString(), Does.EndWith("/portal/applications"));
    }

    [Test]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var (idp, http) = await StartAsync();
        await using var _ = idp;
        using var __ = http;
        using var loggedIn = await LogInAsync(http, idp.AdminPassword);
        idp.Options.Catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });

        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "delete-confirm", ["Selected"] = "app0001", ["ConfirmCount"] = "1" });
        using var answer = await http.PostAsync("/portal/applications", forged);

        Assert.Multiple(() =>
        {
            Assert.That(loggedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the real login worked");
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(idp.Options.Catalog.Applications, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Portal_UnderAForeignHost_Answers400()
    {
        var (idp, http) = await StartAsync();
        await using var _ = idp;
        using var __ = http;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/portal/login");
        request.Headers.Host = "rebound.attacker.example";

        using var answer = await http.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
