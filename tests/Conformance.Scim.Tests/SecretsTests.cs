using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Conformance.Core.Insights;
using Conformance.Scim.Tests.Support;

namespace Conformance.Scim.Tests;

public sealed class SecretsTests
{
    [Test]
    public async Task PasswordSync_SendsThePasswordOnCreateAndOnChangeOnly()
    {
        await using var h = await IdmHarness.StartAsync();
        await h.ActivatedAsync(h.Settings(passwordSync: true));
        var user = await h.ProvisionedAsync();
        Assert.That(h.Sp.Passwords["ada.lovelace"], Is.EqualTo(user.Password));

        h.Directory.UpdateUser(user.Id, u => u with { JobTitle = "Countess" });
        await h.IdleAsync();
        var titleOnly = h.Sp.Requests.Last(r => r.Method == "PATCH");
        h.Directory.UpdateUser(user.Id, u => u with { Password = "N3w-Secret-Passphrase" });
        await h.IdleAsync();

        Assert.That(titleOnly.Body, Does.Not.Contain("password"));
        Assert.That(JsonNode.Parse(h.Sp.Requests.Last(r => r.Method == "PATCH").Body)!["Operations"]!.ToJsonString(),
            Is.EqualTo("""[{"op":"replace","path":"password","value":"N3w-Secret-Passphrase"}]"""));
        Assert.That(h.Sp.Passwords["ada.lovelace"], Is.EqualTo("N3w-Secret-Passphrase"));
    }

    [Test]
    public async Task WithoutPasswordSync_NoPasswordIsSent()
    {
        await using var h = await IdmHarness.StartAsync();
        await h.ActivatedAsync(h.Settings(passwordSync: false));

        await h.ProvisionedAsync();

        Assert.That(h.Sp.Requests.Any(r => r.Body.Contains("password", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task TokenAndPasswords_NeverAppearInCapturedExchangesOrEvents()
    {
        await using var h = await IdmHarness.StartAsync();
        await h.ActivatedAsync(h.Settings(passwordSync: true));
        var user = await h.ProvisionedAsync();
        h.Directory.UpdateUser(user.Id, u => u with { Password = "N3w-Secret-Passphrase" });
        await h.IdleAsync();

        var captured = string.Join('\n', h.Journal.All.Select(Flatten));
        var events = string.Join('\n', h.Insights.Events.Select(e => e.ToString()));

        Assert.That(h.Journal.All, Has.Count.EqualTo(h.Sp.Requests.Count));
        Assert.That(h.Sp.Requests[0].Authorization, Does.Contain(ScimTestServer.InitialToken));
        foreach (var secret in new[] { ScimTestServer.InitialToken, user.Password, "N3w-Secret-Passphrase" })
        {
            Assert.That(captured, Does.Not.Contain(secret));
            Assert.That(events, Does.Not.Contain(secret));
        }
        Assert.That(captured, Does.Contain("Bearer " + Redactor.Mask));
    }

    [Test]
    public async Task UnsupportedAttributes_AreAbsentFromEveryRequestBody()
    {
        await using var h = await IdmHarness.StartAsync();
        await h.ActivatedAsync(h.Settings(groups: true, mode: UpdateMode.Put));
        var user = await h.ProvisionedAsync();
        h.Directory.UpdateUser(user.Id, u => u with { JobTitle = "Countess" });
        h.Directory.UpdateUser(user.Id, u => u with { Active = false });
        await h.IdleAsync();

        var bodies = h.Sp.Requests.Where(r => r.Body.Length > 0).Select(r => r.Body).ToList();

        Assert.That(bodies.Count, Is.GreaterThanOrEqualTo(3));
        Assert.That(h.Events(InsightsEventTypes.UserDeprovision).Single().Success, Is.True);
        foreach (var forbidden in new[] { "bjnUserName", "timezone", "bjn-ada", "Europe/London" })
        {
            Assert.That(bodies, Has.None.Contains(forbidden));
        }
    }

    private static string Flatten(HttpExchange e) =>
        $"{e.Url}\n{string.Join('\n', e.RequestHeaders.Select(h => $"{h.Key}: {h.Value}"))}\n{e.RequestBody}\n{e.ResponseBody}\n{e.Error}";
}
