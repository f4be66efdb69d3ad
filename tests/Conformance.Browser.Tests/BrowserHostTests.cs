namespace Conformance.Browser.Tests;

/// <summary>One chromium for many sessions: started once, each session in a context of its own, closed with its owner.</summary>
public class BrowserHostTests : WithSsoHarness
{
    [Test]
    public async Task StartAsync_TwoSessionsOneAfterTheOther_LaunchChromiumOnceAndOnlyWhenTheFirstStarts()
    {
        var before = H.Browser.Launches;
        await using (var first = await BrowserSession.StartAsync(H.Options()))
        {
            Assert.That((await first.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "ada", SsoHarness.AdaPassword, H.App.Id)).SignedIn, Is.True);
        }
        await using var second = await BrowserSession.StartAsync(H.Options());

        var outcome = await second.SpInitiatedAsync(H.Sp.LoginLinkUrl, "ada", SsoHarness.AdaPassword);

        Assert.That((before, H.Browser.Launches, outcome.SignedIn), Is.EqualTo((0, 1, true)));
    }

    [Test]
    public async Task StartAsync_ASecondSessionOnTheSameChromium_DoesNotSeeTheFirstOnesCookies()
    {
        await using var first = await BrowserSession.StartAsync(H.Options());
        await first.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "ada", SsoHarness.AdaPassword, H.App.Id);
        await using var second = await BrowserSession.StartAsync(H.Options());

        var again = await first.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "ada", SsoHarness.AdaPassword, H.App.Id);
        var other = await second.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "ada", SsoHarness.AdaPassword, H.App.Id);

        Assert.Multiple(() =>
        {
            // The first session is still signed in to the IdP and goes straight to the console; the second is asked to log in.
            Assert.That(again.Titles[0], Is.EqualTo("User Console · JumpCloud (mock)"));
            Assert.That(other.Titles[0], Is.EqualTo("Log in · JumpCloud (mock)"));
            Assert.That(H.Browser.Launches, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task StartAsync_AfterChromiumWentAway_StartsAnotherForTheNextSession()
    {
        var context = await H.Browser.NewContextAsync();
        await context.Browser!.CloseAsync();

        await using var session = await BrowserSession.StartAsync(H.Options());
        var outcome = await session.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "ada", SsoHarness.AdaPassword, H.App.Id);

        Assert.That((H.Browser.Launches, outcome.SignedIn), Is.EqualTo((2, true)));
    }

    [Test]
    public async Task DisposeAsync_ClosesChromiumAndRefusesNewSessions()
    {
        var context = await H.Browser.NewContextAsync();

        await H.Browser.DisposeAsync();

        Assert.That(context.Browser!.IsConnected, Is.False);
        Assert.ThrowsAsync<ObjectDisposedException>(() => BrowserSession.StartAsync(H.Options()));
    }
}
