using Conformance.Core.Insights;
using Conformance.Scim.Provisioning;
using Conformance.Scim.Tests.Support;

namespace Conformance.Scim.Tests;

public sealed class IdmIntegrationTests
{
    [Test]
    public async Task Activate_WithValidToken_LogsSuccessfulActivateEventForTheApplication()
    {
        await using var h = await IdmHarness.StartAsync();
        await h.BlueJeans.ConfigureAsync(h.Settings());

        var outcome = await h.BlueJeans.ActivateAsync();

        Assert.That(outcome.Message, Is.EqualTo("The Identity Management integration has been successfully verified."));
        var activate = h.Events(InsightsEventTypes.IdmIntegrationActivate).Single();
        Assert.Multiple(() =>
        {
            Assert.That(activate.Success, Is.True);
            Assert.That(activate.Application, Is.EqualTo(new InsightsApplication(h.App.Id, "BlueJeans", "BlueJeans Video")));
            Assert.That(activate.Resource, Is.EqualTo(new InsightsResource("application", h.App.Id, DisplayName: "BlueJeans Video")));
            Assert.That(activate.InitiatedBy.Type, Is.EqualTo("admin"));
            Assert.That(h.BlueJeans.IsActive, Is.True);
        });
    }

    [Test]
    public async Task Activate_WithWrongToken_LogsFailedActivateEventWithTheSpDetail()
    {
        await using var h = await IdmHarness.StartAsync();
        await h.BlueJeans.ConfigureAsync(h.Settings() with { Token = "wrong-token-123" });

        var outcome = await h.BlueJeans.ActivateAsync();

        var activate = h.Events(InsightsEventTypes.IdmIntegrationActivate).Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Success, Is.False);
            Assert.That(activate.Success, Is.False);
            Assert.That(activate.ErrorMessage, Is.EqualTo("The access token is not valid."));
            Assert.That(h.BlueJeans.IsActive, Is.False);
        });
    }

    [Test]
    public async Task Activate_VerifiesTheTokenWithAnAuthenticatedUsersRequest()
    {
        await using var h = await IdmHarness.StartAsync();
        await h.BlueJeans.ConfigureAsync(h.Settings());

        await h.BlueJeans.ActivateAsync();

        var verify = h.Sp.Requests.Single();
        Assert.That(verify.Method, Is.EqualTo("GET"));
        Assert.That(verify.PathAndQuery, Is.EqualTo("/Users?startIndex=1&count=1"));
        Assert.That(verify.Authorization, Is.EqualTo("Bearer " + ScimTestServer.InitialToken));
    }

    [Test]
    public async Task Activate_BeforeAnyTokenIsSaved_IsRefusedAskingForIt()
    {
        await using var h = await IdmHarness.StartAsync();

        var outcome = await h.BlueJeans.ActivateAsync();

        Assert.That(outcome.Success, Is.False);
        Assert.That(outcome.Message, Is.EqualTo("Enter the token key before activating."));
        Assert.That(h.Sp.Requests, Is.Empty);
    }

    [Test]
    public async Task Configure_TurningGroupsOnWhileActive_SyncsTheBoundGroups()
    {
        await using var h = await ActivatedHarnessAsync();
        h.AddUser();
        await h.IdleAsync();
        var before = h.Sp.Requests.Count;

        var outcome = await h.BlueJeans.ConfigureAsync(h.Settings(groups: true));
        await h.IdleAsync();

        Assert.That(outcome.Message, Is.EqualTo("The Identity Management integration is updated."));
        Assert.That(h.RequestsSince(before).Select(r => r.PathAndQuery.Split('?')[0]), Does.Contain("/Groups"), "turning groups on syncs the bound groups at once");
    }

    [Test]
    public async Task Activate_WhenAlreadyActive_IsRefusedAndLoggedAsFailed()
    {
        await using var h = await ActivatedHarnessAsync();

        var again = await h.BlueJeans.ActivateAsync();

        Assert.That(again.Success, Is.False);
        Assert.That(again.Message, Is.EqualTo("The Identity Management integration is already active."));
        Assert.That(h.Events(InsightsEventTypes.IdmIntegrationActivate).Select(e => e.Success), Is.EqualTo((bool[])[true, false]));
    }

    [Test]
    public async Task Configure_WithNewTokenWhileActive_IsRefusedWithTheGuideMessage()
    {
        await using var h = await ActivatedHarnessAsync();

        var outcome = await h.BlueJeans.ConfigureAsync(h.Settings() with { Token = "rotated-token-456" });

        var reauth = h.Events(InsightsEventTypes.IdmIntegrationReauth).Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Success, Is.False);
            Assert.That(outcome.Message, Is.EqualTo(
                "If you need to update the SCIM token key, you must deactivate the IdM integration, update the token key, and then reactivate the integration."));
            Assert.That(reauth.Success, Is.False);
            Assert.That(reauth.ErrorMessage, Is.EqualTo(IdmIntegration.TokenChangeRefused));
            Assert.That(h.BlueJeans.Settings!.Token, Is.EqualTo(ScimTestServer.InitialToken));
        });
    }

    [Test]
    public async Task TokenRotation_DeactivateUpdateReactivate_LogsDeleteReauthActivateInOrderAndUsesTheNewToken()
    {
        await using var h = await ActivatedHarnessAsync();
        const string rotated = "rotated-token-456";
        h.Sp.Token = rotated;

        var deactivated = h.BlueJeans.Deactivate();
        var updated = await h.BlueJeans.ConfigureAsync(h.Settings() with { Token = rotated });
        var reactivated = await h.BlueJeans.ActivateAsync();

        Assert.That(new[] { deactivated.Success, updated.Success, reactivated.Success }, Is.All.True);
        Assert.That(h.Insights.Events.Select(e => (e.EventType, e.Success)), Is.EqualTo(new[]
        {
            (InsightsEventTypes.IdmIntegrationActivate, true),
            (InsightsEventTypes.IdmIntegrationDelete, true),
            (InsightsEventTypes.IdmIntegrationReauth, true),
            (InsightsEventTypes.IdmIntegrationActivate, true),
        }));
        Assert.That(h.Sp.Requests[^1].Authorization, Is.EqualTo("Bearer " + rotated));
    }

    [Test]
    public async Task Configure_WhileActiveWithSameToken_VerifiesAndLogsUpdate()
    {
        await using var h = await ActivatedHarnessAsync();

        var outcome = await h.BlueJeans.ConfigureAsync(h.Settings(passwordSync: true));

        Assert.That(outcome.Success, Is.True);
        Assert.That(h.Events(InsightsEventTypes.IdmIntegrationUpdate).Single().Success, Is.True);
        Assert.That(h.BlueJeans.Settings!.PasswordSync, Is.True);
    }

    [Test]
    public async Task Configure_WhileActiveWithUnreachableBaseUrl_LogsFailedUpdateAndKeepsTheOldSettings()
    {
        await using var h = await ActivatedHarnessAsync();

        var outcome = await h.BlueJeans.ConfigureAsync(h.Settings() with { BaseUrl = new Uri(h.Sp.BaseUrl, "/elsewhere") });

        var update = h.Events(InsightsEventTypes.IdmIntegrationUpdate).Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Success, Is.False);
            Assert.That(update.Success, Is.False);
            Assert.That(update.ErrorMessage, Is.EqualTo("No such endpoint."));
            Assert.That(h.BlueJeans.Settings!.BaseUrl, Is.EqualTo(h.Sp.BaseUrl));
        });
    }

    [Test]
    public async Task Deactivate_WhenActive_LogsDeleteAndStopsPushes()
    {
        await using var h = await ActivatedHarnessAsync();
        var before = h.Sp.Requests.Count;

        h.BlueJeans.Deactivate();
        await h.ProvisionedAsync();

        Assert.That(h.Events(InsightsEventTypes.IdmIntegrationDelete).Single().Success, Is.True);
        Assert.That(h.RequestsSince(before), Is.Empty);
    }

    [Test]
    public async Task Deactivate_WhenNotActive_LogsFailedDelete()
    {
        await using var h = await IdmHarness.StartAsync();

        var outcome = h.BlueJeans.Deactivate();

        Assert.That(outcome.Success, Is.False);
        Assert.That(h.Events(InsightsEventTypes.IdmIntegrationDelete).Single().ErrorMessage, Is.EqualTo("The Identity Management integration is not active."));
    }

    [Test]
    public async Task Deactivate_WithRequestInFlight_EndsItWithFailedEventAndDropsQueuedWork()
    {
        await using var h = await IdmHarness.StartAsync(o => o with { Concurrency = 1 });
        await h.ActivatedAsync();
        h.Sp.AddFault("GET", "/Users?filter", 0, times: 1, hang: true);
        var hanging = h.Sp.Hanging.Task;
        h.AddUser("first.user");
        h.AddUser("second.user");
        h.Directory.AddMember(IdmHarness.Group, "first.user");
        h.Directory.AddMember(IdmHarness.Group, "second.user");
        await hanging;

        h.BlueJeans.Deactivate();
        await h.IdleAsync();

        var afterActivate = h.Insights.Events.Skip(1).Select(e => (e.EventType, e.Success, e.Resource.Username, e.ErrorMessage));
        Assert.That(afterActivate, Is.EqualTo(new[]
        {
            (InsightsEventTypes.IdmIntegrationDelete, true, (string?)null, (string?)null),
            (InsightsEventTypes.UserLookupProvision, false, "first.user", Provisioner.DeactivatedMessage),
        }));
        Assert.That(h.Sp.Requests.Any(r => r.PathAndQuery.Contains("second.user", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task Activate_WithBoundGroupAlreadyPopulated_ProvisionsItsMembers()
    {
        await using var h = await IdmHarness.StartAsync();
        h.AddUser();
        h.Directory.AddMember(IdmHarness.Group, "ada.lovelace");

        await h.ActivatedAsync();
        await h.IdleAsync();

        Assert.That(h.Sp.User("ada.lovelace"), Is.Not.Null);
        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision).Single().Success, Is.True);
    }

    private static async Task<IdmHarness> ActivatedHarnessAsync() => await (await IdmHarness.StartAsync()).ActivatedAsync();
}
