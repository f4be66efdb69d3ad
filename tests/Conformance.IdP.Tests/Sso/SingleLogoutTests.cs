using System.Xml;
using Conformance.Core.Saml;
using Conformance.Saml;
using Conformance.Saml.Bindings;
using Conformance.Saml.Protocol;
using Conformance.Saml.Signing;

namespace Conformance.IdP.Tests.Sso;

/// <summary>Single logout by HTTP-Redirect, started by the SP or by the IdP.</summary>
public class SingleLogoutTests
{
    private IdpHarness _h = null!;

    [SetUp]
    public async Task StartAsync() => _h = await IdpHarness.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private async Task<XmlDocument> SignedInAsync()
    {
        await _h.Agent.LoginAsync("ada", IdpHarness.AdaPassword);
        var launched = await _h.Agent.LaunchAsync(_h.App.Id);
        return IdpInitiatedTests.Load(launched.ResponseXml!);
    }

    private LogoutRequestMessage SpLogoutRequest() => new()
    {
        Id = "_sp-logout-1",
        IssueInstant = _h.Time.GetUtcNow(),
        Issuer = _h.Sp.EntityId,
        Destination = _h.Idp.SloUrl(_h.App.Id),
        NameId = "ada.lovelace@example.test",
        NameIdFormat = SamlNames.NameIdEmailAddress,
    };

    [Test]
    public async Task SpInitiated_LogoutRequest_GetsASignedLogoutResponseAtTheSpAndEndsTheIdpSession()
    {
        await SignedInAsync();

        var outcome = await _h.Agent.OpenAsync(new Uri(RedirectBinding.Url(_h.Idp.SloUrl(_h.App.Id), BindingFields.SamlRequest, SpLogoutRequest().ToXml(), "after-logout", null)));
        var answer = RedirectBinding.Parse(_h.Sp.SloQueries.Single());
        var response = LogoutResponseMessage.Parse(answer.Xml);
        using var certificate = SigningCertificate.LoadPem(_h.Idp.CertificatePem(_h.App.Id));
        var console = await _h.Agent.OpenAsync(new Uri(_h.Idp.UserConsoleUrl));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalBody, Is.EqualTo("SP signed out"));
            Assert.That(response.InResponseTo, Is.EqualTo("_sp-logout-1"));
            Assert.That(response.Succeeded, Is.True);
            Assert.That(response.Issuer, Is.EqualTo(_h.Idp.EntityId(_h.App.Id)));
            Assert.That(answer.RelayState, Is.EqualTo("after-logout"));
            Assert.That(answer.VerifySignature(certificate), Is.True);
            Assert.That(console.FinalUrl, Does.Contain("/login"));
            Assert.That(_h.Sink.Of(SamlMessageKind.LogoutResponse), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task SpInitiated_LogoutRequestFromAnotherEntity_IsRefusedAndTheSessionStays()
    {
        await SignedInAsync();

        var outcome = await _h.Agent.OpenAsync(new Uri(RedirectBinding.Url(_h.Idp.SloUrl(_h.App.Id), BindingFields.SamlRequest,
            (SpLogoutRequest() with { Issuer = "https://other.example.test" }).ToXml(), null, null)));
        var console = await _h.Agent.OpenAsync(new Uri(_h.Idp.UserConsoleUrl));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(400));
            Assert.That(_h.Sp.SloQueries, Is.Empty);
            Assert.That(console.FinalUrl, Is.EqualTo(_h.Idp.UserConsoleUrl));
        });
    }

    [Test]
    public async Task IdpInitiated_SendsTheSpALogoutRequestForTheAssertedSubjectAndSession()
    {
        var asserted = await SignedInAsync();
        var ns = IdpInitiatedTests.Ns(asserted);

        var outcome = await _h.Agent.OpenAsync(new Uri(_h.Idp.SloUrl(_h.App.Id)));
        var request = LogoutRequestMessage.Parse(RedirectBinding.Parse(_h.Sp.SloQueries.Single()).Xml);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalBody, Is.EqualTo("SP signed out"));
            Assert.That(request.NameId, Is.EqualTo(asserted.SelectSingleNode("//saml:NameID", ns)!.InnerText));
            Assert.That(request.SessionIndexes, Is.EqualTo(new[] { asserted.SelectSingleNode("//saml:AuthnStatement/@SessionIndex", ns)!.Value }));
            Assert.That(request.Destination, Is.EqualTo(_h.Sp.SloUrl));
            Assert.That(_h.Sink.Of(SamlMessageKind.LogoutRequest).Single().Destination, Is.EqualTo(_h.Sp.SloUrl));
        });
    }

    [Test]
    public async Task SpLogoutResponse_ShowsTheSignedOutPage()
    {
        var response = new LogoutResponseMessage { Id = "_r", IssueInstant = _h.Time.GetUtcNow(), Issuer = _h.Sp.EntityId, InResponseTo = "_x" };

        var outcome = await _h.Agent.OpenAsync(new Uri(RedirectBinding.Url(_h.Idp.SloUrl(_h.App.Id), BindingFields.SamlResponse, response.ToXml(), null, null)));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FinalStatus, Is.EqualTo(200));
            Assert.That(outcome.FinalBody, Does.Contain("id=\"signed-out\""));
        });
    }
}
