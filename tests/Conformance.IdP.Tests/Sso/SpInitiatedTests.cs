using System.Text;
using System.Xml;
using Conformance.Core.Saml;
using Conformance.Saml;
using Conformance.Saml.Bindings;
using Conformance.Saml.Protocol;

namespace Conformance.IdP.Tests.Sso;

/// <summary>"Login redirects the user to JumpCloud where the user enters their JumpCloud credentials".</summary>
public class SpInitiatedTests
{
    private IdpHarness _h = null!;

    [SetUp]
    public async Task StartAsync() => _h = await IdpHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private Task<Conformance.IdP.Agent.SsoOutcome> StartAtSp(string user = "ada", string password = IdpHarness.AdaPassword) =>
        _h.Agent.StartAtSpAsync(new Uri(_h.Sp.LoginUrl), user, password);

    [TestCase(false)]
    [TestCase(true)]
    public async Task Start_RedirectOrPostBinding_ReturnsAResponseToTheRequestWithRelayStateEchoed(bool post)
    {
        _h.Sp.UsePostBinding = post;

        var outcome = await StartAtSp();

        var document = IdpInitiatedTests.Load(outcome.ResponseXml!);
        var ns = IdpInitiatedTests.Ns(document);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalBody, Is.EqualTo("SP session started"));
            Assert.That(outcome.RelayState, Is.EqualTo(TestSp.RelayState));
            Assert.That(document.SelectSingleNode("/samlp:Response/@InResponseTo", ns)!.Value, Is.EqualTo(_h.Sp.LastRequest!.Id));
            Assert.That(document.SelectSingleNode("//saml:SubjectConfirmationData/@InResponseTo", ns)!.Value, Is.EqualTo(_h.Sp.LastRequest!.Id));
            Assert.That(outcome.Hops.Select(h => h.Url), Has.Some.Contains("/login"));
        });
    }

    [Test]
    public async Task Start_RecordsTheAuthnRequestReceivedAndTheResponseSent()
    {
        await StartAtSp();

        var request = _h.Sink.Of(SamlMessageKind.AuthnRequest).Single();
        Assert.Multiple(() =>
        {
            Assert.That(AuthnRequestMessage.Parse(request.Xml).Id, Is.EqualTo(_h.Sp.LastRequest!.Id));
            Assert.That(request.RelayState, Is.EqualTo(TestSp.RelayState));
            Assert.That(request.CertificatePem, Is.Null);
            Assert.That(_h.Sink.Of(SamlMessageKind.Response), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Start_WithAnIdpSession_DoesNotAskForCredentialsAgain()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        var outcome = await StartAtSp(password: "not-used-because-signed-in");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ResponseDelivered, Is.True);
            Assert.That(outcome.Hops.Select(h => h.Url), Has.None.Contains("/login?"));
        });
    }

    [Test]
    public async Task Start_WrongPassword_ShowsAnErrorAndSendsNoAssertion()
    {
        var outcome = await StartAtSp(password: "wrong-password");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(401));
            Assert.That(outcome.Error, Is.EqualTo("Invalid username or password."));
            Assert.That(outcome.ResponseDelivered, Is.False);
            Assert.That(_h.Sink.Of(SamlMessageKind.Response), Is.Empty);
        });
    }

    [Test]
    public async Task Start_UserInNoBoundGroup_IsRefusedWithoutAnAssertion()
    {
        var outcome = await StartAtSp("bob", IdpHarness.BobPassword);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(403));
            Assert.That(outcome.Error, Does.Contain("implicitly denied"));
            Assert.That(_h.Sp.AcsPosts, Is.Empty);
        });
    }

    [Test]
    public async Task Start_AcsUrlNotRegistered_IsRefusedWithoutRedirectingAnywhere()
    {
        _h.Sp.Tamper = r => r with { AssertionConsumerServiceUrl = "https://attacker.example.test/acs" };

        var outcome = await StartAtSp();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(400));
            Assert.That(outcome.Error, Does.Contain("not the registered ACS URL"));
            Assert.That(outcome.FinalUrl, Does.StartWith(_h.Idp.SsoUrl(_h.App.Id)));
            Assert.That(outcome.FinalBody, Does.Not.Contain("action=\"https://attacker").And.Not.Contain("href=\"https://attacker"));
            Assert.That(_h.Sink.Of(SamlMessageKind.Response), Is.Empty);
        });
    }

    [Test]
    public async Task Start_RequestIssuedTenMinutesAgo_IsRefusedAsStale()
    {
        _h.Sp.Tamper = r => r with { IssueInstant = _h.Time.GetUtcNow().AddMinutes(-10) };

        var outcome = await StartAtSp();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(400));
            Assert.That(outcome.Error, Does.Contain("more than 5 minutes"));
            Assert.That(outcome.ResponseDelivered, Is.False);
        });
    }

    [Test]
    public async Task Start_RequestIssuedFourMinutesAgo_IsAccepted()
    {
        _h.Sp.Tamper = r => r with { IssueInstant = _h.Time.GetUtcNow().AddMinutes(-4) };

        var outcome = await StartAtSp();

        Assert.That(outcome.ResponseDelivered, Is.True);
    }

    [Test]
    public async Task Start_RequestFromAnotherSpEntity_IsRefused()
    {
        _h.Sp.Tamper = r => r with { Issuer = "https://someone-else.example.test" };

        var outcome = await StartAtSp();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(400));
            Assert.That(outcome.ResponseDelivered, Is.False);
        });
    }

    [Test]
    public async Task SsoUrl_AuthnRequestWithADtd_IsRefused()
    {
        var xml = Encoding.UTF8.GetString(_h.Sp.Baseline().ToXml());
        var withDtd = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>" + xml.Replace("</saml:Issuer>", "&x;</saml:Issuer>", StringComparison.Ordinal);
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);

        var outcome = await _h.Agent.OpenAsync(new Uri(RedirectBinding.Url(_h.Idp.SsoUrl(_h.App.Id), BindingFields.SamlRequest, Encoding.UTF8.GetBytes(withDtd), "r", null)));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(400));
            Assert.That(outcome.Error, Does.Contain("DTD"));
            Assert.That(outcome.ResponseDelivered, Is.False);
        });
    }

    [Test]
    public async Task SsoUrl_GarbageSamlRequest_IsRefused()
    {
        var outcome = await _h.Agent.OpenAsync(new Uri(_h.Idp.SsoUrl(_h.App.Id) + "?SAMLRequest=%%%not-base64"));

        Assert.That(outcome.FinalStatus, Is.EqualTo(400));
    }

    [Test]
    public async Task Login_ReturnToAnotherHost_StaysOnTheIdp()
    {
        var outcome = await _h.Agent.StartAtSpAsync(new Uri(_h.Idp.BaseUrl + "/login?return=%2F%2Fattacker.example.test%2F"), "ada", IdpHarness.AdaPassword);

        Assert.That(outcome.FinalUrl, Is.EqualTo(_h.Idp.UserConsoleUrl));
    }

    [Test]
    public async Task Capture_LoginExchange_HasNoPassword()
    {
        await StartAtSp();

        Assert.That(_h.Journal.All.Select(e => e.RequestBody ?? ""), Has.None.Contains(IdpHarness.AdaPassword));
    }

    [Test]
    public async Task Start_ResponseToTheRequest_IsSignedWithExclusiveC14n()
    {
        var outcome = await StartAtSp();

        var document = IdpInitiatedTests.Load(outcome.ResponseXml!);
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("ds", SamlNames.XmlDsig);
        var algorithms = document.SelectNodes("//ds:CanonicalizationMethod/@Algorithm", ns)!.Cast<XmlAttribute>().Select(a => a.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(algorithms, Has.Count.EqualTo(2));
            Assert.That(algorithms, Is.All.EqualTo("http://www.w3.org/2001/10/xml-exc-c14n#"));
        });
    }
}
