using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Core.Insights;
using Conformance.IdP;
using Conformance.Scim;
using Conformance.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Conformance.Browser.Tests;

/// <summary>The guide's Admin Portal click paths, done by a person in chromium against the mock IdP's portal.</summary>
public class AdminPortalInBrowserTests : InChromium
{
    private MockIdpServer _idp = null!;
    private ApplicationCatalog _catalog = null!;
    private IdentityManagement _idm = null!;
    private JumpCloudDirectory _directory = null!;
    private IPage _page = null!;

    [SetUp]
    public async Task StartIdpAndSignInAsync()
    {
        var directory = _directory = new JumpCloudDirectory();
        _catalog = new ApplicationCatalog(directory);
        var insights = new InsightsLog(TimeProvider.System, "org-portal");
        _idm = new IdentityManagement(new IdentityManagementOptions
        {
            Directory = directory,
            Catalog = _catalog,
            Insights = insights,
            Exchanges = new ExchangeJournal(),
            Redactor = new Redactor(),
        });
        _idp = await MockIdpServer.StartAsync(new MockIdpOptions { Directory = directory, Catalog = _catalog, Sink = new RecordingSamlSink(), Insights = insights, IdentityManagement = _idm });
        _page = await Browser.NewPageAsync();
        await _page.GotoAsync(_idp.PortalUrl);
        await _page.FillAsync("#admin-email", "admin@conformance.test");
        await _page.FillAsync("#admin-password", _idp.AdminPassword);
        await _page.ClickAsync("#admin-login");
        await _page.WaitForSelectorAsync("#applications");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _page.CloseAsync();
        await _idp.DisposeAsync();
        await _idm.DisposeAsync();
    }

    [Test]
    public async Task IdentityManagementTab_ActivatesRefusesAHotTokenChangeAndDeactivatesAfterConfirm()
    {
        await using var sp = await BlueJeans.Stub.BlueJeansStub.StartAsync(new BlueJeans.Stub.BlueJeansStubOptions { Port = 0, Redactor = new Redactor() });
        var token = sp.GenerateToken();
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.FillAsync("#idm-base-url", sp.ScimBaseUrl);
        await _page.FillAsync("#idm-token", token);
        await _page.ClickAsync("#idm-activate");
        var activated = await _page.InnerTextAsync("#idm-outcome");
        await _page.FillAsync("#idm-token", "a-token-pasted-while-active");
        await _page.ClickAsync("#idm-save");
        var refused = await _page.InnerTextAsync("#idm-outcome");
        await _page.ClickAsync("#idm-deactivate");
        await _page.ClickAsync("#idm-confirm");
        var deactivated = await _page.InnerTextAsync("#idm-outcome");

        Assert.Multiple(() =>
        {
            Assert.That(activated, Is.EqualTo("The Identity Management integration has been successfully verified."));
            Assert.That(refused, Does.Contain("you must deactivate the IdM integration, update the token key, and then reactivate the integration"));
            Assert.That(deactivated, Is.EqualTo("The IdM connection is deactivated."));
            Assert.That(_idm.For(app.Id).IsActive, Is.False);
        });
    }

    [Test]
    public async Task IdentityManagementTab_TestConnection_TellsAWrongTokenFromTheRightOneAndSavesNothing()
    {
        await using var sp = await BlueJeans.Stub.BlueJeansStub.StartAsync(new BlueJeans.Stub.BlueJeansStubOptions { Port = 0, Redactor = new Redactor() });
        var token = sp.GenerateToken();
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.FillAsync("#idm-base-url", sp.ScimBaseUrl);
        await _page.FillAsync("#idm-token", "not-the-token");
        await _page.ClickAsync("#idm-test");
        var wrong = await _page.InnerTextAsync("#idm-outcome");
        await _page.FillAsync("#idm-base-url", sp.ScimBaseUrl);
        await _page.FillAsync("#idm-token", token);
        await _page.ClickAsync("#idm-test");
        var right = await _page.InnerTextAsync("#idm-outcome");

        Assert.Multiple(() =>
        {
            Assert.That(wrong, Does.StartWith("The connection test failed:"));
            Assert.That(right, Does.StartWith("The connection test succeeded"));
            Assert.That(_idm.For(app.Id).Settings, Is.Null, "a test saves nothing");
            Assert.That(_idm.For(app.Id).IsActive, Is.False);
        });
    }

    [Test]
    public async Task AddNewApplication_ThroughSearchNextAndAdvancedSettings_SavesItWithTheCustomIdpUrl()
    {
        await _page.ClickAsync("#add-application");
        await _page.FillAsync("#catalogue-search", "blue");
        await _page.PressAsync("#catalogue-search", "Enter");
        await _page.ClickAsync("[data-catalogue=bluejeans]");
        await _page.ClickAsync("#next");
        await _page.FillAsync("#display-label", "BlueJeans Video");
        await _page.FillAsync("#description", "Video meetings");
        await _page.CheckAsync("input[name=ImageKind][value=color]");
        await _page.FillAsync("#image-color", "#123456");
        await _page.ClickAsync("#advanced-settings summary");
        await _page.FillAsync("#sso-suffix", "bjn-video");
        await _page.ClickAsync("#save-application");
        var notice = await _page.InnerTextAsync("#notice");
        await _page.ClickAsync("#configure-application");
        var idpUrl = await _page.InputValueAsync("#idp-url");

        var app = _catalog.Applications.Single();
        Assert.Multiple(() =>
        {
            Assert.That(notice, Does.Contain("/saml2/bjn-video"));
            Assert.That(idpUrl, Is.EqualTo($"{_idp.BaseUrl}/saml2/bjn-video"));
            Assert.That((app.Name, app.DisplayLabel, app.Description, app.SsoSuffix), Is.EqualTo(("BlueJeans", "BlueJeans Video", "Video meetings", "bjn-video")));
            Assert.That(app.PortalImage, Is.EqualTo(new PortalImage(PortalImageKind.ColorIndicator, "#123456")));
        });
    }

    [Test]
    public async Task Delete_AfterTypingAWrongCount_IsRefusedAndAfterTheRightCountDeletes()
    {
        _catalog.Create(new ApplicationSettings { Name = "BlueJeans", DisplayLabel = "BlueJeans Video", SsoSuffix = "bluejeans" });
        _catalog.Create(new ApplicationSettings { Name = "Custom SAML App", DisplayLabel = "Wiki", SsoSuffix = "wiki" });
        await _page.GotoAsync(_idp.PortalUrl + "?search=BlueJeans");
        var listed = await _page.Locator("#applications tbody tr").CountAsync();
        await _page.CheckAsync("#applications tbody input[type=checkbox]");
        await _page.ClickAsync("#delete");
        await _page.FillAsync("#confirm-count", "2");
        await _page.ClickAsync("#delete-application");
        var refusal = await _page.InnerTextAsync("#error");
        var afterRefusal = _catalog.Applications.Count;
        await _page.FillAsync("#confirm-count", "1");
        await _page.ClickAsync("#delete-application");
        var notice = await _page.InnerTextAsync("#notice");

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(1), "the search shows only BlueJeans");
            Assert.That(refusal, Does.Contain("Enter the number of the applications you are deleting"));
            Assert.That(afterRefusal, Is.EqualTo(2));
            Assert.That(notice, Does.Contain("1 application(s) deleted: BlueJeans Video"));
            Assert.That(_catalog.Applications.Select(a => a.DisplayLabel), Is.EqualTo(new[] { "Wiki" }));
        });
    }

    [Test]
    public async Task ApplicationPanel_SavesGeneralInfoAndKeepsTheIdpUrlReadOnly()
    {
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.FillAsync("#display-label", "Meetings");
        await _page.UncheckAsync("#show-in-portal");
        await _page.CheckAsync("input[name=ImageKind][value=color]");
        await _page.FillAsync("#image-color", "#654321");
        await _page.ClickAsync("#save-general-info");
        await _page.WaitForSelectorAsync("#notice");

        Assert.Multiple(async () =>
        {
            Assert.That((_catalog.Get(app.Id).DisplayLabel, _catalog.Get(app.Id).ShowInPortal), Is.EqualTo(("Meetings", false)));
            Assert.That(_catalog.Get(app.Id).PortalImage, Is.EqualTo(new PortalImage(PortalImageKind.ColorIndicator, "#654321")));
            Assert.That(await _page.GetAttributeAsync("#idp-url", "readonly"), Is.Not.Null);
            Assert.That(await _page.GetAttributeAsync("#download-certificate", "href"), Is.EqualTo("/saml2/bluejeans/certificate.pem"));
        });
    }

    [Test]
    public async Task SsoTab_SavesTheSpAndTargetUrlThenDeactivatesAfterSave()
    {
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.FillAsync("#sp-entity-id", "https://bluejeans.example/saml");
        await _page.FillAsync("#acs-url", "https://bluejeans.example/saml/acs");
        await _page.FillAsync("#target-url", "relay-123");
        await _page.FillAsync("#attributes", "email = email\nuid = username");
        await _page.SelectOptionAsync("#signing", "Assertion");
        await _page.ClickAsync("#sso-save");
        var saved = await _page.InnerTextAsync("#sso-message");
        var settings = _idp.FindSso(app.Id);
        await _page.ClickAsync("#sso-deactivate");
        await _page.ClickAsync("#sso-deactivate-save");
        var deactivated = await _page.InnerTextAsync("#sso-message");

        Assert.Multiple(() =>
        {
            Assert.That(saved, Is.EqualTo("The SSO configuration is saved."));
            Assert.That((settings?.SpEntityId, settings?.AcsUrl, settings?.TargetUrl, settings?.Signing),
                Is.EqualTo(("https://bluejeans.example/saml", "https://bluejeans.example/saml/acs", "relay-123", Conformance.Saml.Responses.SignedParts.Assertion)));
            Assert.That(settings?.Attributes.Select(a => $"{a.Name}={a.UserProperty}"), Is.EqualTo(new[] { "email=email", "uid=username" }));
            Assert.That(deactivated, Is.EqualTo("SSO is deactivated for this application."));
            Assert.That(_idp.FindSso(app.Id)?.Active, Is.False);
        });
    }

    [Test]
    public async Task SsoTab_WithTheSpsMetadataUploaded_TakesItsEntityIdAndAcs()
    {
        await using var sp = await BlueJeans.Stub.BlueJeansStub.StartAsync(new BlueJeans.Stub.BlueJeansStubOptions { Port = 0, Redactor = new Redactor() });
        using var http = new HttpClient();
        var metadata = await http.GetStringAsync(sp.MetadataUrl);
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.FillAsync("#sp-metadata", metadata);
        await _page.ClickAsync("#sso-save");
        await _page.WaitForSelectorAsync("#sso-message");

        Assert.That((_idp.FindSso(app.Id)?.SpEntityId, _idp.FindSso(app.Id)?.AcsUrl), Is.EqualTo((sp.EntityId, sp.AcsUrl)));
    }

    [Test]
    public async Task UserGroupsTab_UncheckingABoundGroup_TakesItsAccessAway()
    {
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        _directory.AddGroup("g1", "Video Users");
        _directory.AddGroup("g2", "Sales");
        _catalog.BindGroup(app.Id, "g1");
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.UncheckAsync("input[data-group='Video Users']");
        await _page.CheckAsync("input[data-group='Sales']");
        await _page.ClickAsync("#groups-save");
        await _page.WaitForSelectorAsync("#groups-message");

        Assert.That(_catalog.Get(app.Id).BoundGroupIds, Is.EquivalentTo(new[] { "g2" }));
    }

    [Test]
    public async Task DirectoryInsights_FromTheApplicationsPanel_ListsItsEventsNewestFirstAndFilters()
    {
        await using var sp = await BlueJeans.Stub.BlueJeansStub.StartAsync(new BlueJeans.Stub.BlueJeansStubOptions { Port = 0, Redactor = new Redactor() });
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _idm.For(app.Id).ConfigureAsync(new IdmSettings { BaseUrl = new Uri(sp.ScimBaseUrl), Token = "wrong-token-000" });
        await _idm.For(app.Id).ActivateAsync();
        await _idm.For(app.Id).ConfigureAsync(new IdmSettings { BaseUrl = new Uri(sp.ScimBaseUrl), Token = sp.GenerateToken() });
        await _idm.For(app.Id).ActivateAsync();
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.ClickAsync("#app-insights");
        var all = await _page.Locator("#insights tbody tr").AllInnerTextsAsync();
        await _page.SelectOptionAsync("#success", "false");
        await _page.ClickAsync("#insights-filter");
        var failures = await _page.Locator("#insights tbody tr").AllInnerTextsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(3), "activate failed, reauth, activate succeeded");
            Assert.That(all[0], Does.Contain("idm_integration_activate").And.Contain("success"), "newest first");
            Assert.That(failures, Has.Count.EqualTo(1));
            Assert.That(failures[0], Does.Contain("idm_integration_activate").And.Contain("failure"));
        });
    }

    [Test]
    public async Task ManualImport_OfOneNewUser_CreatesItAndListsItAsImported()
    {
        await using var sp = await BlueJeans.Stub.BlueJeansStub.StartAsync(new BlueJeans.Stub.BlueJeansStubOptions { Port = 0, Redactor = new Redactor() });
        var token = sp.GenerateToken();
        using var scim = new HttpClient();
        scim.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        foreach (var name in new[] { "grace.hopper", "alan.turing" })
        {
            using var body = new StringContent($$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{name}}","active":true,"name":{"givenName":"G","familyName":"H"},"emails":[{"value":"{{name}}@example.test","primary":true}]}""",
                System.Text.Encoding.UTF8, "application/scim+json");
            (await scim.PostAsync(sp.ScimBaseUrl + "/Users", body)).EnsureSuccessStatusCode();
        }
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _idm.For(app.Id).ConfigureAsync(new IdmSettings { BaseUrl = new Uri(sp.ScimBaseUrl), Token = token });
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.ClickAsync("#manual-import");
        var listed = await _page.Locator("#import-candidates tbody tr").AllInnerTextsAsync();
        await _page.CheckAsync("input[aria-label='select grace.hopper']");
        await _page.ClickAsync("#import");
        var result = await _page.InnerTextAsync("#import-result");
        var statuses = await _page.Locator("#import-candidates tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.cells[1].innerText + ':' + r.cells[4].innerText)");

        Assert.Multiple(() =>
        {
            Assert.That(listed, Has.Count.EqualTo(2));
            Assert.That(listed, Has.All.Contains("New"));
            Assert.That(result, Is.Not.Empty);
            Assert.That(_directory.Users.Select(u => u.Username), Is.EqualTo(new[] { "grace.hopper" }));
            Assert.That(statuses, Is.EquivalentTo(new[] { "grace.hopper:Imported", "alan.turing:New" }));
        });
    }

    [Test]
    public async Task ExportAttributeMapping_EditDeleteAndAddBack_ChangesNothingUntilUpdateAndSave()
    {
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.ClickAsync("#mapping-edit");
        await _page.ClickAsync("button[aria-label='Delete title']");
        await _page.ClickAsync("button[aria-label='Delete phoneNumbers']");
        var required = await _page.Locator("tr[data-scim=userName] button").CountAsync();
        await _page.SelectOptionAsync("#add-attribute", "title");
        await _page.ClickAsync("#mapping-add");
        await _page.ClickAsync("#mapping-update");
        var beforeSave = _idm.For(app.Id).ExcludedMappings.Count;
        var pending = await _page.Locator("#mapping-pending").CountAsync();
        await _page.ClickAsync("#mapping-save");
        var message = await _page.InnerTextAsync("#mapping-message");

        Assert.Multiple(() =>
        {
            Assert.That(required, Is.Zero, "a required row has no Delete");
            Assert.That(beforeSave, Is.Zero, "nothing changes before Save");
            Assert.That(pending, Is.EqualTo(1), "after Update the portal says Save is still to come");
            Assert.That(_idm.For(app.Id).ExcludedMappings.Select(m => m.ScimAttribute), Is.EqualTo(new[] { "phoneNumbers" }));
            Assert.That(message, Does.Contain("saved"));
        });
    }

    [Test]
    public async Task ExportAttributeMapping_EditRestoreDefaultsUpdateSave_SendsEveryOptionalAttributeAgain()
    {
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        _idm.For(app.Id).ExcludeMapping("title");
        _idm.For(app.Id).ExcludeMapping("emails");
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.ClickAsync("#mapping-edit");
        await _page.ClickAsync("#mapping-restore");
        await _page.ClickAsync("#mapping-update");
        await _page.ClickAsync("#mapping-save");
        await _page.WaitForSelectorAsync("#mapping-message");

        Assert.That(_idm.For(app.Id).ExcludedMappings, Is.Empty);
    }

    [Test]
    public async Task UsersPage_AddsEditsSuspendsAndGroupsAUser()
    {
        _directory.AddGroup("g0001", "Video Users");
        await _page.ClickAsync("#nav-users");
        await _page.FillAsync("#new-username", "ada.lovelace");
        await _page.FillAsync("#new-email", "ada@example.test");
        await _page.FillAsync("#new-first-name", "Ada");
        await _page.FillAsync("#new-last-name", "Lovelace");
        await _page.FillAsync("#new-password", "Secret-123");
        await _page.ClickAsync("#add-user");
        var added = await _page.InnerTextAsync("#notice");
        await _page.ClickAsync("tr[data-user='ada.lovelace'] a");
        await _page.FillAsync("#user-job-title", "Analyst");
        await _page.ClickAsync("#user-save");
        await _page.WaitForSelectorAsync("#notice");
        await _page.CheckAsync("input[data-group='Video Users']");
        await _page.ClickAsync("#membership-save");
        await _page.WaitForSelectorAsync("#notice");
        await _page.ClickAsync("#user-suspend");
        var suspended = await _page.InnerTextAsync("#user-status");

        var user = _directory.GetUser("ada.lovelace");
        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo("User ada.lovelace is saved."));
            Assert.That((user.Email, user.FirstName, user.JobTitle, user.Password, user.Active), Is.EqualTo(("ada@example.test", "Ada", "Analyst", "Secret-123", false)));
            Assert.That(_directory.GroupsOf(user.Id).Select(g => g.Name), Is.EqualTo(new[] { "Video Users" }));
            Assert.That(suspended, Does.Contain("suspended"));
        });
    }

    [Test]
    public async Task UserGroupsPage_CreatesAGroupAddsMembersAuthorizesAnApplicationAndDeletesAfterConfirm()
    {
        _directory.AddUser(new DirectoryUser { Id = "u1", Username = "ada", Email = "ada@example.test" });
        var app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        await _page.ClickAsync("#nav-groups");
        await _page.FillAsync("#new-group-name", "Video Users");
        await _page.ClickAsync("#add-group");
        await _page.ClickAsync("tr[data-group='Video Users'] a");
        await _page.CheckAsync("input[data-user='ada']");
        await _page.ClickAsync("#members-save");
        await _page.WaitForSelectorAsync("#notice");
        await _page.CheckAsync("input[data-app='BlueJeans']");
        await _page.ClickAsync("#applications-save");
        await _page.WaitForSelectorAsync("#notice");
        var authorized = _catalog.IsAuthorized(app.Id, "ada");
        await _page.ClickAsync("#group-delete");
        var beforeConfirm = _directory.Groups.Count;
        await _page.ClickAsync("#group-delete-confirm");
        var deleted = await _page.InnerTextAsync("#notice");

        Assert.Multiple(() =>
        {
            Assert.That(authorized, Is.True, "a member of a bound group may use the application");
            Assert.That(beforeConfirm, Is.EqualTo(1), "Delete Group asks to confirm first");
            Assert.That(_directory.Groups, Is.Empty);
            Assert.That(_catalog.IsAuthorized(app.Id, "ada"), Is.False);
            Assert.That(deleted, Is.EqualTo("User group Video Users is deleted."));
        });
    }

    [Test]
    public async Task Bookmark_AddedFromTheCatalogue_ShowsATileThatOpensItsUrlUntilDeactivated()
    {
        _directory.AddUser(new DirectoryUser { Id = "u1", Username = "ada", Email = "ada@example.test", Password = "Secret-123" });
        _directory.AddGroup("g0001", "Everyone");
        _directory.AddMember("g0001", "ada");
        await _page.ClickAsync("#add-application");
        await _page.ClickAsync("[data-catalogue=bookmark]");
        await _page.ClickAsync("#next");
        await _page.FillAsync("#display-label", "Handbook");
        await _page.FillAsync("#bookmark-url", $"{_idp.BaseUrl}/handbook-target");
        await _page.ClickAsync("#save-application");
        var app = _catalog.Applications.Single();
        _catalog.BindGroup(app.Id, "Everyone");
        var user = await Browser.NewPageAsync();
        // The bookmarked site itself, answered by the browser: only where the tile leads matters here.
        await user.RouteAsync("**/handbook-target", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = "<title>Handbook</title>" }));
        await user.GotoAsync($"{_idp.BaseUrl}/userconsole");
        await user.FillAsync("#username", "ada");
        await user.FillAsync("#password", "Secret-123");
        await user.ClickAsync("#login");
        await user.ClickAsync($"a.tile[data-app-id='{app.Id}']");
        await user.WaitForURLAsync("**/handbook-target");
        var opened = user.Url;
        await user.GoBackAsync();
        await _page.GotoAsync($"{_idp.BaseUrl}/portal/applications/{app.Id}");
        await _page.ClickAsync("#bookmark-deactivate");
        await _page.ClickAsync("#bookmark-deactivate-save");
        var message = await _page.InnerTextAsync("#bookmark-message");
        await user.ReloadAsync();
        var tilesAfter = await user.Locator("a.tile").CountAsync();
        await user.CloseAsync();

        Assert.Multiple(() =>
        {
            Assert.That((app.Kind, app.DisplayLabel), Is.EqualTo((ApplicationKind.Bookmark, "Handbook")));
            Assert.That(opened, Is.EqualTo($"{_idp.BaseUrl}/handbook-target"));
            Assert.That(message, Is.EqualTo("The Bookmark is deactivated."));
            Assert.That(tilesAfter, Is.Zero);
        });
    }

    [Test]
    public async Task Pages_PassTheAxeAccessibilityRules()
    {
        _catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        var violations = new List<string>();
        var bookmark = _catalog.Create(new ApplicationSettings { Name = "Bookmark", DisplayLabel = "Handbook", Kind = ApplicationKind.Bookmark, BookmarkUrl = "https://handbook.example.test/" });
        _directory.AddUser(new DirectoryUser { Id = "u1", Username = "ada", Email = "ada@example.test" });
        _directory.AddGroup("g0001", "Everyone");
        var pages = new[]
        {
            "/portal/applications", "/portal/applications/new?app=bluejeans&step=details", $"/portal/applications/{_catalog.Applications[0].Id}", "/portal/insights",
            $"/portal/applications/{_catalog.Applications[0].Id}/import", $"/portal/applications/{bookmark.Id}", "/portal/users", "/portal/users/u1", "/portal/groups", "/portal/groups/g0001",
        };
        foreach (var path in pages)
        {
            await _page.GotoAsync(_idp.BaseUrl + path);
            violations.AddRange((await _page.RunAxe()).Violations.Select(v => $"{path}: {v.Id}: {v.Help}"));
        }

        Assert.That(violations, Is.Empty);
    }
}
