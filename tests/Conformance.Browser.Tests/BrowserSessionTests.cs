using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conformance.Browser.Tests;

/// <summary>Both SSO flows in Debian chromium against a real mock IdP and a real BlueJeans stub.</summary>
public class BrowserSessionTests : WithSsoHarness
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Test]
    public async Task IdpInitiated_AuthorizedUser_LandsOnTheSpPageNamingTheUser()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options());

        var outcome = await browser.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "ada", SsoHarness.AdaPassword, H.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Failure, Is.Null);
            Assert.That(outcome.Error, Is.Null);
            Assert.That(outcome.SessionUser, Is.EqualTo(SsoHarness.AdaEmail));
            Assert.That(outcome.SignedIn, Is.True);
            Assert.That(outcome.FinalUrl, Is.EqualTo(H.Sp.AcsUrl));
            Assert.That(H.Sp.GetSessions().Single().RelayState, Is.EqualTo(H.Sp.GetSaml().RelayState));
        });
    }

    [Test]
    public async Task IdpInitiated_AuthorizedUser_ScreenshotsEveryPageAsPngUnderTheScenarioFolder()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options("sso/idp initiated"));

        var outcome = await browser.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "ada", SsoHarness.AdaPassword, H.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Screenshots, Is.EqualTo(new[]
            {
                "artifacts/browser/sso-idp-initiated/01-login.png",
                "artifacts/browser/sso-idp-initiated/02-user-console.png",
                "artifacts/browser/sso-idp-initiated/03-sp-session.png",
            }));
            Assert.That(outcome.Titles, Is.EqualTo(new[] { "Log in · JumpCloud (mock)", "User Console · JumpCloud (mock)", "BlueJeans - signed in" }));
            Assert.That(outcome.Trace, Is.Null);
            foreach (var shot in outcome.Screenshots)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(H.RunFolder, shot)).Take(PngSignature.Length), Is.EqualTo(PngSignature), shot);
            }
        });
    }

    [Test]
    public async Task IdpInitiated_UserOutsideAnyBoundGroup_FindsNoTileAndTheSpOpensNoSession()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options());

        var outcome = await browser.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "bob", SsoHarness.BobPassword, H.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Failure, Is.EqualTo($"The User Console shows no tile for application '{H.App.Id}'."));
            Assert.That(outcome.SessionUser, Is.Null);
            Assert.That(outcome.Screenshots, Has.Count.EqualTo(2));
            Assert.That(H.Sp.GetSessions(), Is.Empty);
        });
    }

    [Test]
    public async Task IdpInitiated_WrongPassword_ShowsTheLoginErrorAndTheSpOpensNoSession()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options());

        var outcome = await browser.IdpInitiatedAsync(H.Idp.UserConsoleUrl, "ada", "Wrong-Password-1", H.App.Id);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error, Is.EqualTo("Invalid username or password."));
            Assert.That(outcome.Screenshots[^1], Does.EndWith("/02-error.png"));
            Assert.That(outcome.Failure, Is.Null);
            Assert.That(outcome.SignedIn, Is.False);
            Assert.That(H.Sp.GetSessions(), Is.Empty);
        });
    }

    [Test]
    public async Task SpInitiated_AuthorizedUser_LandsOnTheSpPageNamingTheUser()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options());

        var outcome = await browser.SpInitiatedAsync(H.Sp.LoginLinkUrl, "ada", SsoHarness.AdaPassword);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Failure, Is.Null);
            Assert.That(outcome.Error, Is.Null);
            Assert.That(outcome.SessionUser, Is.EqualTo(SsoHarness.AdaEmail));
            Assert.That(outcome.Titles, Is.EqualTo(new[] { "Log in · JumpCloud (mock)", "BlueJeans - signed in" }));
            Assert.That(outcome.Screenshots.Select(s => File.Exists(Path.Combine(H.RunFolder, s))), Is.All.True);
            Assert.That(H.Sp.GetSessions().Single().UserId, Is.EqualTo(SsoHarness.AdaEmail));
        });
    }

    [Test]
    public async Task SpInitiated_UserOutsideAnyBoundGroup_SeesTheIdpRefusalAndTheSpOpensNoSession()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options());

        var outcome = await browser.SpInitiatedAsync(H.Sp.LoginLinkUrl, "bob", SsoHarness.BobPassword);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error, Does.StartWith("You are not authorized to use BlueJeans."));
            Assert.That(outcome.FinalUrl, Does.StartWith(H.Idp.BaseUrl));
            Assert.That(outcome.SessionUser, Is.Null);
            Assert.That(H.Sp.GetSessions(), Is.Empty);
        });
    }

    [Test]
    public async Task SpInitiated_WrongPassword_ShowsTheLoginErrorAndTheSpOpensNoSession()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options());

        var outcome = await browser.SpInitiatedAsync(H.Sp.LoginLinkUrl, "ada", "Wrong-Password-1");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error, Is.EqualTo("Invalid username or password."));
            Assert.That(outcome.FinalUrl, Does.StartWith(H.Idp.LoginUrl));
            Assert.That(H.Sp.GetSessions(), Is.Empty);
        });
    }

    [Test]
    public async Task SpInitiated_WithTrace_WritesATraceThatHoldsNoPassword()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options() with { RecordTrace = true });

        var outcome = await browser.SpInitiatedAsync(H.Sp.LoginLinkUrl, "ada", SsoHarness.AdaPassword);

        Assert.That(outcome.Trace, Is.EqualTo("artifacts/browser/sso.browser/03-sp-initiated-trace.zip"));
        using var zip = ZipFile.OpenRead(Path.Combine(H.RunFolder, outcome.Trace));
        var password = Encoding.UTF8.GetBytes(SsoHarness.AdaPassword);
        Assert.Multiple(() =>
        {
            Assert.That(zip.Entries, Has.Some.Property(nameof(ZipArchiveEntry.Name)).EqualTo("trace.trace"));
            Assert.That(zip.Entries.Where(e => Contains(ReadAll(e), password)).Select(e => e.FullName), Is.Empty);
            Assert.That(outcome.SignedIn, Is.True, "tracing changes nothing in the flow");
        });
    }

    [Test]
    public async Task SpInitiated_Always_KeepsThePasswordOutOfFileNamesAndOutcomeText()
    {
        await using var browser = await BrowserSession.StartAsync(H.Options() with { RecordTrace = true });

        var outcome = await browser.SpInitiatedAsync(H.Sp.LoginLinkUrl, "ada", SsoHarness.AdaPassword);

        var texts = new[] { outcome.FinalUrl, outcome.SessionUser, outcome.Error, outcome.Failure, outcome.Trace }
            .OfType<string>().Concat(outcome.Screenshots).Concat(outcome.Titles)
            .Concat(System.IO.Directory.EnumerateFiles(H.RunFolder, "*", SearchOption.AllDirectories));
        Assert.That(texts, Has.None.Contains(SsoHarness.AdaPassword));
    }

    [Test]
    public async Task SpInitiated_SpNeverAnswers_EndsWithAFailureInsteadOfHanging()
    {
        // Connections are queued by the kernel but never read: the request is sent and no answer comes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/saml/login";
        await using var browser = await BrowserSession.StartAsync(H.Options() with { NavigationTimeout = TimeSpan.FromSeconds(2) });

        var outcome = await browser.SpInitiatedAsync(url, "ada", SsoHarness.AdaPassword);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Failure, Is.EqualTo($"Timeout 2000ms exceeded: navigating to \"{url}\", waiting until \"commit\""));
            Assert.That(outcome.Screenshots, Is.EqualTo(new[] { "artifacts/browser/sso.browser/01-failure.png" }));
            Assert.That(outcome.SignedIn, Is.False);
        });
    }

    [Test]
    public async Task StartAsync_WithoutChromium_ThrowsBrowserUnavailableException()
    {
        await using var missing = new BrowserHost("/nonexistent/chromium");
        var options = H.Options() with { Browser = missing };

        var thrown = Assert.ThrowsAsync<BrowserUnavailableException>(() => BrowserSession.StartAsync(options));

        Assert.That(thrown.Message, Does.StartWith("Chromium is not installed: run ./run.sh, which installs Debian's chromium, or set CONFORMANCE_CHROMIUM"));
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
