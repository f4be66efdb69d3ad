using System.Net;
using System.Web;
using Conformance.Saml.Bindings;
using Conformance.Saml.Protocol;

namespace BlueJeans.Stub.Tests.Saml;

public sealed class SingleLogoutTests
{
    private const string IdpSloUrl = "https://sso.jumpcloud.com/saml2/bluejeans/slo";

    [Test]
    public async Task Slo_WithSignedLogoutRequest_EndsTheSessionAndAnswersTheIdp()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = await SignedInAsync(sp);

        using var response = await sp.Browser.GetAsync(LogoutUrl(sp, idp, sign: true));

        var answer = HttpUtility.ParseQueryString(response.Headers.Location?.Query ?? "");
        var logoutResponse = LogoutResponseMessage.Parse(RedirectBinding.Inflate(Convert.FromBase64String(answer["SAMLResponse"] ?? "")));
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location?.GetLeftPart(UriPartial.Path), Is.EqualTo(IdpSloUrl));
            Assert.That(logoutResponse.Succeeded, Is.True);
            Assert.That(logoutResponse.Issuer, Is.EqualTo(sp.Stub.EntityId));
            Assert.That(logoutResponse.InResponseTo, Is.EqualTo("_logout1"));
            Assert.That(sp.Stub.GetSessions().Single().EndedAt, Is.EqualTo(StubHarness.Start));
        });
    }

    [Test]
    public async Task Slo_WithUnsignedLogoutRequest_RefusesAndKeepsTheSession()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = await SignedInAsync(sp);

        using var response = await sp.Browser.GetAsync(LogoutUrl(sp, idp, sign: false));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("not signed"));
            Assert.That(sp.Stub.GetSessions().Single().EndedAt, Is.Null);
        });
    }

    [Test]
    public async Task Metadata_PublishesTheSingleLogoutEndpoint()
    {
        await using var sp = await StubHarness.StartAsync();

        var metadata = await sp.Browser.GetStringAsync("/saml/metadata");

        Assert.That(metadata, Does.Contain($"Location=\"{sp.Stub.SloUrl}\""));
    }

    private static async Task<TestIdp> SignedInAsync(StubHarness sp)
    {
        var idp = TestIdp.Create();
        sp.Stub.ConfigureSaml(new SamlSettings { CertificatePem = idp.CertificatePem, IdpEntityId = TestIdp.EntityId, IdpSloUrl = IdpSloUrl });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SAMLResponse"] = TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { SessionIndex = "_s1" })),
        });
        using var login = await sp.Browser.PostAsync("/saml/acs", form);
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return idp;
    }

    private static Uri LogoutUrl(StubHarness sp, TestIdp idp, bool sign)
    {
        var request = new LogoutRequestMessage
        {
            Id = "_logout1",
            IssueInstant = StubHarness.Start,
            Issuer = TestIdp.EntityId,
            Destination = sp.Stub.SloUrl,
            NameId = "ada",
            SessionIndexes = ["_s1"],
        }.ToXml();
        return new Uri(RedirectBinding.Url(sp.Stub.SloUrl, BindingFields.SamlRequest, request, "relay", sign ? idp.Certificate : null));
    }
}
