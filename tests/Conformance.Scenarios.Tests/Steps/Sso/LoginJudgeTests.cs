using Conformance.Core.Http;
using Conformance.IdP.Agent;
using Conformance.Scenarios.Steps.Sso;
using Conformance.Scenarios.Targets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Conformance.Scenarios.Tests.Steps.Sso;

public sealed class LoginJudgeTests
{
    private const string Acs = "http://127.0.0.1:9/saml/acs";
    private static readonly string[] Ada = ["ada@example.test", "ada"];

    /// <summary>A valid login: the Response posted, the ACS redirected to the SP's home page, which names Ada.</summary>
    private static SsoOutcome Accepted() => new()
    {
        Hops = [new SsoHop("POST", Acs, 303), new SsoHop("GET", "http://127.0.0.1:9/home", 200)],
        FinalStatus = 200,
        FinalBody = "<html><body><p>Welcome, <b>ada@example.test</b></p></body></html>",
        FinalUrl = "http://127.0.0.1:9/home",
        ResponseXml = "<Response/>",
        AcsUrl = Acs,
        AcsStatus = 303,
    };

    private static async Task<LoginVerdict> JudgeAsync(SsoOutcome outcome, SamlSpec? saml = null, IReadOnlyList<string>? identities = null)
    {
        using var agent = new SsoUserAgent(new Uri("http://127.0.0.1:8"), new ExchangeJournal(), new Redactor(), TimeProvider.System);
        return await LoginJudge.JudgeAsync(outcome, saml, identities ?? Ada, agent, CancellationToken.None);
    }

    private static SamlSpec Saml(SessionProbeSpec session) => new() { EntityId = "sp", AcsUrl = Acs, Session = session };

    [Test]
    public async Task Judge_WhenTheLandingPageNamesTheUser_IsAcceptedAsThatUser()
    {
        var verdict = await JudgeAsync(Accepted());

        Assert.That((verdict.Decision, verdict.User), Is.EqualTo((LoginDecision.Accepted, "ada@example.test")));
        Assert.That(verdict.Evidence, Does.Contain("POST http://127.0.0.1:9/saml/acs 303"));
    }

    [Test]
    public async Task Judge_WhenTheAcsAnswers400_IsRefusedWhateverThePageSays()
    {
        var verdict = await JudgeAsync(Accepted() with { AcsStatus = 400, FinalStatus = 400 });

        Assert.That(verdict.Decision, Is.EqualTo(LoginDecision.Refused));
        Assert.That(verdict.Evidence, Does.StartWith("the ACS answered 400"));
    }

    [Test]
    public async Task Judge_WhenTheSpDroppedTheConnection_IsRefused() =>
        Assert.That((await JudgeAsync(Accepted() with { AcsStatus = 0 })).Decision, Is.EqualTo(LoginDecision.Refused));

    [Test]
    public async Task Judge_WhenTheSpSendsTheBrowserBackToTheIdp_IsRefused()
    {
        var verdict = await JudgeAsync(Accepted() with { LeftSpFor = "http://127.0.0.1:8/saml2/app?SAMLRequest=x" });

        Assert.That(verdict.Decision, Is.EqualTo(LoginDecision.Refused));
        Assert.That(verdict.Evidence, Does.Contain("sent the browser back to sign in"));
    }

    [Test]
    public async Task Judge_WhenThePageAfterTheAcsIsForbidden_IsRefused() =>
        Assert.That((await JudgeAsync(Accepted() with { FinalStatus = 403 })).Decision, Is.EqualTo(LoginDecision.Refused));

    [Test]
    public async Task Judge_WhenNoPageNamesTheUser_IsInconclusiveNeverAccepted()
    {
        var verdict = await JudgeAsync(Accepted() with { FinalBody = "<p>Welcome back!</p>" });

        Assert.That((verdict.Decision, verdict.User), Is.EqualTo((LoginDecision.Inconclusive, (string?)null)));
        Assert.That(verdict.Evidence, Does.Contain("saml.session"));
    }

    [Test]
    public async Task Judge_AnIdentityInsideALongerOne_DoesNotCount()
    {
        var verdict = await JudgeAsync(Accepted() with { FinalBody = "<p>ada@example.test.evil.example</p>" });

        Assert.That(verdict.Decision, Is.EqualTo(LoginDecision.Inconclusive));
    }

    [Test]
    public async Task Judge_NamesTheFirstIdentityInOrder_SoTheImpersonatedUserWins()
    {
        var verdict = await JudgeAsync(Accepted() with { FinalBody = "<p>admin</p><p>ada@example.test</p>" }, identities: ["admin", .. Ada]);

        Assert.That(verdict.User, Is.EqualTo("admin"));
    }

    [Test]
    public async Task Judge_WhenNoResponseReachedTheSp_IsNotDelivered() =>
        Assert.That((await JudgeAsync(Accepted() with { ResponseXml = null, AcsStatus = null })).Word, Is.EqualTo("not-delivered"));

    [Test]
    public async Task Judge_WithASessionPatternAndNoUrl_ReadsTheLandingPage()
    {
        var verdict = await JudgeAsync(Accepted() with { FinalBody = "<span id=\"who\">E1234</span> ada@example.test" },
            Saml(new SessionProbeSpec { User = "id=\"who\">(?<user>[^<]+)<" }));

        Assert.That(verdict.User, Is.EqualTo("E1234"), "the target's pattern decides, not a search for the user");
    }

    [Test]
    public async Task Judge_WithASessionPageNamingTheUser_IsAcceptedAsThatUser()
    {
        using var sp = WireMockServer.Start();
        sp.Given(Request.Create().WithPath("/account")).RespondWith(Response.Create().WithStatusCode(200).WithBody("<p>Signed in as <b>grace</b></p>"));

        var verdict = await JudgeAsync(Accepted() with { FinalBody = "<p>no names here</p>" },
            Saml(new SessionProbeSpec { Url = sp.Url + "/account", User = "Signed in as <b>(?<user>[^<]+)</b>" }));

        Assert.That((verdict.Decision, verdict.User), Is.EqualTo((LoginDecision.Accepted, "grace")));
    }

    [Test]
    public async Task Judge_WhenTheSessionPageRedirects_IsRefusedEvenIfTheLandingPageNamesTheUser()
    {
        using var sp = WireMockServer.Start();
        sp.Given(Request.Create().WithPath("/account")).RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "/login"));

        var verdict = await JudgeAsync(Accepted(), Saml(new SessionProbeSpec { Url = sp.Url + "/account", User = "(?<user>ada)" }));

        Assert.That(verdict.Decision, Is.EqualTo(LoginDecision.Refused));
        Assert.That(verdict.Evidence, Does.Contain("answered 302 → /login: no session"));
    }

    [Test]
    public async Task Judge_WhenTheSessionPageDoesNotAnswer_IsInconclusiveNotAHarnessError()
    {
        var verdict = await JudgeAsync(Accepted(), Saml(new SessionProbeSpec { Url = "http://127.0.0.1:9/account", User = "(?<user>ada)" }));

        Assert.That(verdict.Decision, Is.EqualTo(LoginDecision.Inconclusive));
        Assert.That(verdict.Evidence, Does.Contain("answered 0"));
    }
}
