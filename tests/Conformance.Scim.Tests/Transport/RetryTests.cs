using Conformance.Core.Insights;
using Conformance.Scim.Tests.Support;

namespace Conformance.Scim.Tests.Transport;

public sealed class RetryTests
{
    [Test]
    public async Task Status429WithRetryAfter_IsRetriedAfterThatWait_ThenSucceeds()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 429, times: 1, retryAfter: "7");

        await h.ProvisionedAsync();

        Assert.That(h.Delays, Is.EqualTo((TimeSpan[])[TimeSpan.FromSeconds(7)]));
        Assert.That(h.Sp.Requests.Count(r => r.Method == "POST"), Is.EqualTo(2));
        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision).Single().Success, Is.True);
    }

    [Test]
    public async Task Status503_IsRetriedWithExponentialBackoff_ThenSucceeds()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 503, times: 2);

        await h.ProvisionedAsync();

        Assert.That(h.Delays, Is.EqualTo((TimeSpan[])[TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]));
        Assert.That(h.Sp.User("ada.lovelace"), Is.Not.Null);
        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision).Single().Success, Is.True);
    }

    [Test]
    public async Task Status429WithRetryAfterBeyondMaxBackoff_IsNotRetried_AndTheEventSaysWhy()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 429, times: 1, detail: "Slow down.", retryAfter: "600");

        await h.ProvisionedAsync();

        Assert.That(h.Sp.Requests.Count(r => r.Method == "POST"), Is.EqualTo(1));
        Assert.That(h.Delays, Is.Empty);
        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision).Single().ErrorMessage,
            Is.EqualTo("Slow down. (the SP asked to wait 600 s before retrying, longer than the 120 s the target allows: not retried)"));
    }

    [Test]
    public async Task Status503_BacksOffNoLongerThanMaxBackoff()
    {
        await using var h = await IdmHarness.StartAsync(o => o with { MaxBackoff = TimeSpan.FromSeconds(1.5) });
        await h.ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 503, times: 3);

        await h.ProvisionedAsync();

        Assert.That(h.Delays, Is.EqualTo((TimeSpan[])[TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1.5)]));
        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision).Single().Success, Is.True);
    }

    [Test]
    public async Task Status503_TellsOnRetryWhichAttemptFailedAndWhy()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 503, times: 1, detail: "Maintenance window.");

        await h.ProvisionedAsync();

        Assert.That(h.Retries, Is.EqualTo((ScimRetry[])[new ScimRetry(1, TimeSpan.FromSeconds(1), "Maintenance window.")]));
    }

    [Test]
    public async Task DroppedConnection_IsRetried_ThenSucceeds()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 0, times: 1, drop: true);

        await h.ProvisionedAsync();

        Assert.That(h.Sp.Requests.Count(r => r.Method == "POST"), Is.EqualTo(2));
        Assert.That(h.Delays, Is.EqualTo((TimeSpan[])[TimeSpan.FromSeconds(1)]));
        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision).Single().Success, Is.True);
        // The dropped attempt is in the captures too, with why it has no answer.
        Assert.That(h.Journal.All.Single(e => e.Status == 0).Error, Is.Not.Empty);
    }

    [Test]
    public async Task RetryExhaustion_LogsOneFailedEventWithTheLastDetail()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 503, detail: "Maintenance window.");

        await h.ProvisionedAsync();

        Assert.That(h.Sp.Requests.Count(r => r.Method == "POST"), Is.EqualTo(4));
        Assert.That(h.Journal.All.Count(e => e.Method == "POST"), Is.EqualTo(4), "every attempt is evidence");
        Assert.That(h.Delays, Is.EqualTo((TimeSpan[])[TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)]));
        var created = h.Events(InsightsEventTypes.UserCreateProvision).Single();
        Assert.That(created.Success, Is.False);
        Assert.That(created.ErrorMessage, Is.EqualTo("Maintenance window."));
    }

    [Test]
    public async Task Status400_IsNotRetried()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 400, detail: "Bad request.");

        await h.ProvisionedAsync();

        Assert.That(h.Sp.Requests.Count(r => r.Method == "POST"), Is.EqualTo(1));
        Assert.That(h.Delays, Is.Empty);
    }

    [Test]
    public async Task NoAnswerWithinTheTimeout_IsRetried_ThenSucceeds()
    {
        await using var h = await ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 0, times: 1, hang: true);
        var hanging = h.Sp.Hanging.Task;

        h.Directory.AddMember(IdmHarness.Group, h.AddUser().Id);
        await hanging;
        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.IdleAsync();

        Assert.That(h.Sp.Requests.Count(r => r.Method == "POST"), Is.EqualTo(2));
        Assert.That(h.Events(InsightsEventTypes.UserCreateProvision).Single().Success, Is.True);
        // The unanswered attempt is in the captures too, with why it has no answer.
        Assert.That(h.Journal.All.Single(e => e.Status == 0).Error, Is.Not.Empty);
    }

    [Test]
    public async Task TimeoutOnEveryAttempt_LogsFailedEventSayingSo()
    {
        await using var h = await IdmHarness.StartAsync(o => o with { MaxRetries = 0 });
        await h.ActivatedAsync();
        h.Sp.AddFault("POST", "/Users", 0, times: 1, hang: true);
        var hanging = h.Sp.Hanging.Task;

        h.Directory.AddMember(IdmHarness.Group, h.AddUser().Id);
        await hanging;
        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.IdleAsync();

        var created = h.Events(InsightsEventTypes.UserCreateProvision).Single();
        Assert.That(created.Success, Is.False);
        Assert.That(created.ErrorMessage, Is.EqualTo("No answer from the SP within 30 s. (gave up after 1 attempts)"));
    }

    private static async Task<IdmHarness> ActivatedAsync() => await (await IdmHarness.StartAsync()).ActivatedAsync();
}
