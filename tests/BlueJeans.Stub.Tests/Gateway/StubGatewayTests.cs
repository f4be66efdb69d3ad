using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BlueJeans.Stub.Tests.Gateway;

public class StubGatewayTests
{
    [TestCase("Users")]
    [TestCase("Groups")]
    [TestCase("ServiceProviderConfig")]
    public async Task ScimCall_WithoutToken_Returns401ScimError(string path)
    {
        await using var sp = await StubHarness.StartAsync();
        using var anonymous = new HttpClient();

        using var response = await anonymous.GetAsync($"{sp.Stub.ScimBaseUrl}/{path}");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/scim+json"));
            Assert.That(body["status"]?.GetValue<string>(), Is.EqualTo("401"));
        });
    }

    [Test]
    public async Task ScimCall_WithWrongToken_Returns401()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");

        using var response = await sp.Scim.GetAsync("Users");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ScimCall_WithTheTokenBeforeRegeneration_Returns401()
    {
        await using var sp = await StubHarness.StartAsync();
        var fresh = sp.Stub.GenerateToken();

        using var stale = await sp.Scim.GetAsync("Users");
        sp.Scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        using var current = await sp.Scim.GetAsync("Users");

        Assert.Multiple(() =>
        {
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Journal_RecordsScimRequestsInOrderWithStatusAndBody_WithoutTheToken()
    {
        await using var sp = await StubHarness.StartAsync();
        await sp.CreateUserAsync("ada");
        using var lookup = await sp.Scim.GetAsync($"Users?filter={Uri.EscapeDataString("userName eq \"ada\"")}");

        var journal = sp.Stub.GetJournal();

        Assert.Multiple(() =>
        {
            Assert.That(string.Join(" | ", journal.Select(e => $"{e.Method} {e.Path} {e.Status}")), Is.EqualTo("POST /scim/v2/Users 201 | GET /scim/v2/Users 200"));
            Assert.That(journal[0].Body, Does.Contain("\"userName\":\"ada\""));
            Assert.That(journal[1].Query, Does.Contain("filter="));
            Assert.That(journal[0].At, Is.EqualTo(StubHarness.Start));
            Assert.That(JsonSerializer.Serialize(journal), Does.Not.Contain(sp.Token));
        });
    }

    [Test]
    public async Task StatusFault_503WithRetryAfter_AnswersTwiceThenBehavesAgain()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Method = "GET", Path = "/Users", Kind = FaultKinds.Status, Status = 503, RetryAfterSeconds = 7, Times = 2 });

        using var first = await sp.Scim.GetAsync("Users");
        using var second = await sp.Scim.GetAsync("Users");
        using var third = await sp.Scim.GetAsync("Users");

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(first.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task StatusFault_429_CarriesRetryAfterAndAScimErrorBody()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Path = "/Users", Kind = FaultKinds.Status, Status = 429, RetryAfterSeconds = 1 });

        using var response = await sp.PostAsync("Users", """{"userName":"ada"}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(body["status"]?.GetValue<string>(), Is.EqualTo("429"));
            Assert.That(sp.Stub.GetUser("ada"), Is.Null, "a faulted request does not reach the SP");
        });
    }

    [Test]
    public async Task StatusFault_WithoutStatus_Answers500()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Kind = FaultKinds.Status });

        using var response = await sp.Scim.GetAsync("Groups");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
    }

    [Test]
    public async Task Fault_OnlyHitsMatchingMethodAndPath()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Method = "POST", Path = "/Users", Kind = FaultKinds.Status, Status = 500, Times = 0 });

        using var get = await sp.Scim.GetAsync("Users");
        using var groups = await sp.PostAsync("Groups", """{"displayName":"Engineers"}""");
        using var post = await sp.PostAsync("Users", """{"userName":"ada"}""");

        Assert.Multiple(() =>
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(groups.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        });
    }

    [Test]
    public async Task Fault_WithTimesZero_HitsEveryMatchingRequestUntilCleared()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Kind = FaultKinds.Status, Status = 500, Times = 0 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await sp.Scim.GetAsync("Users");
            statuses.Add(response.StatusCode);
        }
        sp.Stub.ClearFaults();
        using var after = await sp.Scim.GetAsync("Users");

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task DropFault_ClosesTheConnectionWithoutAnswer_ThenBehavesAgain()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Path = "/Users", Kind = FaultKinds.Drop });

        Assert.ThrowsAsync<HttpRequestException>(() => sp.Scim.GetAsync("Users"));
        using var after = await sp.Scim.GetAsync("Users");

        Assert.Multiple(() =>
        {
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sp.Stub.GetJournal()[0].Status, Is.Zero, "no answer was sent");
        });
    }

    [Test]
    public async Task MalformedJsonFault_AnswersCutOffJson()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Path = "/Users", Kind = FaultKinds.MalformedJson });

        using var response = await sp.Scim.GetAsync("Users");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/scim+json"));
            Assert.That(() => JsonDocument.Parse(text), Throws.InstanceOf<JsonException>());
        });
    }

    [Test]
    public async Task WrongContentTypeFault_AnswersTheNormalBodyAsHtml()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Path = "/Users", Kind = FaultKinds.WrongContentType });

        using var response = await sp.PostAsync("Users", """{"userName":"ada"}""");
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(body["userName"]?.GetValue<string>(), Is.EqualTo("ada"));
        });
    }

    [Test]
    public async Task LatencyFault_HoldsTheAnswerUntilTheSpClockHasAdvanced()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Path = "/Users", Kind = FaultKinds.Latency, DelayMs = 5_000 });

        var pending = sp.Scim.GetAsync("Users");
        await WaitForJournalAsync(sp.Stub, 1);
        var completedBeforeAdvance = pending.IsCompleted;
        sp.Time.Advance(TimeSpan.FromSeconds(5));
        using var response = await pending;

        Assert.Multiple(() =>
        {
            Assert.That(completedBeforeAdvance, Is.False);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task StatusFault_WithThreeUses_AnswersExactlyThreeOfEightConcurrentRequests()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Path = "/Users", Kind = FaultKinds.Status, Status = 503, Times = 3 });

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sp.Scim.GetAsync("Users")));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.ServiceUnavailable), Is.EqualTo(3));
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task StatusFault_AnswersBeforeTheTokenIsChecked()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Path = "/Users", Kind = FaultKinds.Status, Status = 502 });
        using var anonymous = new HttpClient();

        using var response = await anonymous.GetAsync($"{sp.Stub.ScimBaseUrl}/Users");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), "a failing gateway answers whoever asks");
    }

    [Test]
    public async Task ClaimHeader_SentByTheClient_IsRemovedBeforeAnyMappingSeesIt()
    {
        await using var sp = await StubHarness.StartAsync();
        sp.Stub.AddFault(new StubFault { Method = "POST", Path = "/Groups", Kind = FaultKinds.Status, Status = 500, Times = 0 });
        using var request = new HttpRequestMessage(HttpMethod.Get, "Users");
        // The first fault's claim, as the gateway would write it for a request that took one of its uses.
        request.Headers.Add(BlueJeans.Stub.Gateway.FaultInjector.ClaimHeader, "fault-1");

        using var response = await sp.Scim.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task UnknownScimPath_WithoutToken_Returns401NotItsDescription()
    {
        await using var sp = await StubHarness.StartAsync();
        using var anonymous = new HttpClient();

        using var response = await anonymous.GetAsync($"{sp.Stub.ScimBaseUrl}/Bulk");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        });
    }

    [TestCase("PUT", "Users")]
    [TestCase("DELETE", "Groups")]
    [TestCase("POST", "Users/some-id")]
    public async Task UnsupportedVerb_OnAScimResource_Returns405ScimError(string method, string path)
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.Scim.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = StubHarness.ScimJson("{}") });
        var body = await StubHarness.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(body["status"]?.GetValue<string>(), Is.EqualTo("405"));
        });
    }

    [Test]
    public void AddFault_WithUnknownKind_IsRefused()
    {
        Assert.That(() => new BlueJeans.Stub.Gateway.FaultInjector().Add(new StubFault { Kind = "explode" }), Throws.ArgumentException);
    }

    /// <summary>The request is in flight once the gateway journaled it; polled because the request runs on the server's threads.</summary>
    private static async Task WaitForJournalAsync(BlueJeansStub stub, int count)
    {
        for (var attempt = 0; attempt < 500 && stub.GetJournal().Count < count; attempt++)
        {
            await Task.Delay(10);
        }
        Assert.That(stub.GetJournal(), Has.Count.EqualTo(count));
    }
}
