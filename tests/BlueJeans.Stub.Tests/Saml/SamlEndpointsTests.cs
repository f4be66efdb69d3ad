using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using System.Xml;

namespace BlueJeans.Stub.Tests.Saml;

public partial class SamlEndpointsTests
{
    private const string LoginUrl = "https://sso.jumpcloud.com/saml2/bluejeans";

    [Test]
    public async Task Acs_WithGoodResponse_OpensASessionNamingTheUser()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        var spec = ResponseSpec.For(sp.Stub, StubHarness.Start);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(spec)), relayState: "bjn-relay");

        var session = sp.Stub.GetSessions().Single();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(SessionUser().Match(html).Groups[1].Value, Is.EqualTo("ada"));
            Assert.That(session, Is.EqualTo(new StubSession("ada", "ada", "ada@example.com", spec.SessionIndex, StubHarness.Start) { RelayState = "bjn-relay", Id = session.Id }));
            Assert.That(sp.Stub.GetUser("ada"), Is.Not.Null, "automatic provisioning created the user");
            Assert.That(sp.Stub.GetJournal().Single().Path, Is.EqualTo("/saml/acs"));
        });
    }

    [Test]
    public async Task SignedInPage_LinksToThePasswordChangeUrl()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (_, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        Assert.That(html, Does.Contain("<a id=\"change-password\" href=\"https://console.jumpcloud.com/userconsole\">"));
    }

    [Test]
    public async Task SignOut_WithTheSessionCookie_EndsThatSessionAndGoesToTheLogoutUrl()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        // The harness's browser client keeps the cookie the ACS set, as a browser would.
        using var response = await sp.Browser.GetAsync("/logout");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("https://console.jumpcloud.com/userconsole"));
            Assert.That(sp.Stub.GetSessions().Single().EndedAt, Is.EqualTo(StubHarness.Start));
        });
    }

    [Test]
    public async Task SignOut_WithAnotherCookie_EndsNoSession()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        using var other = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = sp.Browser.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/logout");
        request.Headers.Add("Cookie", "bjn_session=someone-else");
        using var response = await other.SendAsync(request);

        Assert.That(sp.Stub.GetSessions().Single().EndedAt, Is.Null);
    }

    [Test]
    public async Task Acs_WithOnlyTheAssertionSigned_Accepts()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start), signAssertion: true, signResponse: false)));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), html);
    }

    [Test]
    public async Task Acs_WithOnlyTheResponseSigned_RefusesAsTheMetadataWantsAssertionsSigned()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start), signAssertion: false, signResponse: true)));

        AssertRefused(sp, status, html, "a signed Response alone is not enough");
    }

    [Test]
    public async Task Acs_WithTamperedNameId_RefusesWithoutSession()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        var document = idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start));
        document.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText = "admin";

        var (status, html) = await PostAsync(sp, TestIdp.Encode(document));

        AssertRefused(sp, status, html, "signature does not verify");
    }

    [Test]
    public async Task Acs_WithUnsignedResponse_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(TestIdp.Build(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        AssertRefused(sp, status, html, "not signed");
    }

    [Test]
    public async Task Acs_WithUnsignedResponseAndSignatureDefenceOff_Accepts()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        sp.Stub.SetDefence(StubDefences.Signature, false);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(TestIdp.Build(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), html);
    }

    [Test]
    public async Task Acs_SignedWithAnotherCertificateNamedInKeyInfo_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        using var attacker = TestIdp.Create("CN=Attacker");

        var (status, html) = await PostAsync(sp, TestIdp.Encode(attacker.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        AssertRefused(sp, status, html, "does not verify with the uploaded certificate");
    }

    [Test]
    public async Task Acs_WithAnExtraUnsignedAssertionWrappedIn_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        var document = idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start), signAssertion: true, signResponse: false);
        var evil = (XmlElement)TestIdp.Build(ResponseSpec.For(sp.Stub, StubHarness.Start) with { NameId = "admin" })
            .GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        var response = document.DocumentElement!;
        response.InsertBefore(document.ImportNode(evil, true), response.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(document));

        AssertRefused(sp, status, html, "exactly one Assertion");
    }

    [Test]
    public async Task Acs_AfterTheAssertionExpired_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        var encoded = TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start)));
        sp.Time.Advance(TimeSpan.FromMinutes(7));

        var (status, html) = await PostAsync(sp, encoded);

        AssertRefused(sp, status, html, "expired");
    }

    [Test]
    public async Task Acs_AfterTheAssertionExpiredWithTimeWindowDefenceOff_Accepts()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        var encoded = TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start)));
        sp.Time.Advance(TimeSpan.FromMinutes(7));
        sp.Stub.SetDefence(StubDefences.TimeWindow, false);

        var (status, html) = await PostAsync(sp, encoded);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), html);
    }

    [Test]
    public async Task Acs_BeforeNotBefore_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start + TimeSpan.FromMinutes(10)))));

        AssertRefused(sp, status, html, "not valid yet");
    }

    [Test]
    public async Task Acs_WithWrongAudience_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { Audience = "https://other-sp.example/saml" })));

        AssertRefused(sp, status, html, "is not this SP's entity ID");
    }

    [Test]
    public async Task Acs_WithWrongAudienceAndAudienceDefenceOff_Accepts()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        sp.Stub.SetDefence(StubDefences.Audience, false);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { Audience = "https://other-sp.example/saml" })));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), html);
    }

    [Test]
    public async Task Acs_WithWrongDestination_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { Destination = "https://other-sp.example/acs" })));

        AssertRefused(sp, status, html, "Destination");
    }

    [Test]
    public async Task Acs_WithWrongRecipient_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { Recipient = "https://other-sp.example/acs" })));

        AssertRefused(sp, status, html, "Recipient");
    }

    [Test]
    public async Task Acs_WithWrongIssuer_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { Issuer = "https://evil-idp.example" })));

        AssertRefused(sp, status, html, "Issuer");
    }

    [Test]
    public async Task Acs_ReplayedResponse_IsRefusedTheSecondTime()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        var encoded = TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start)));

        var (first, _) = await PostAsync(sp, encoded);
        var (second, html) = await PostAsync(sp, encoded);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(ErrorOf(html), Does.Contain("Replay"));
            Assert.That(sp.Stub.GetSessions(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Acs_ReplayedResponseWithReplayDefenceOff_OpensASecondSession()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        var encoded = TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start)));
        sp.Stub.SetDefence(StubDefences.Replay, false);

        await PostAsync(sp, encoded);
        var (second, _) = await PostAsync(sp, encoded);

        Assert.That(second, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Acs_WithInResponseToThisSpNeverSent_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { InResponseTo = "_never-sent" })));

        AssertRefused(sp, status, html, "InResponseTo");
    }

    [Test]
    public async Task LoginLink_RedirectsToTheLoginUrlWithADeflatedAuthnRequest()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);

        using var response = await sp.Browser.GetAsync("/saml/login");
        var location = response.Headers.Location!;
        var query = HttpUtility.ParseQueryString(location.Query);
        var request = Inflate(query["SAMLRequest"]!);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(LoginUrl));
            Assert.That(query["RelayState"], Is.EqualTo(sp.Stub.GetSaml().RelayState));
            Assert.That(request.DocumentElement!.LocalName, Is.EqualTo("AuthnRequest"));
            Assert.That(request.DocumentElement.GetAttribute("AssertionConsumerServiceURL"), Is.EqualTo(sp.Stub.AcsUrl));
            Assert.That(request.DocumentElement.GetAttribute("Destination"), Is.EqualTo(LoginUrl));
            Assert.That(request.DocumentElement["Issuer", "urn:oasis:names:tc:SAML:2.0:assertion"]?.InnerText, Is.EqualTo(sp.Stub.EntityId));
        });
    }

    [Test]
    public async Task Acs_AnsweringTheLoginLinksAuthnRequest_AcceptsOnce()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        using var redirect = await sp.Browser.GetAsync("/saml/login");
        var requestId = Inflate(HttpUtility.ParseQueryString(redirect.Headers.Location!.Query)["SAMLRequest"]!).DocumentElement!.GetAttribute("ID");

        var (first, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { InResponseTo = requestId })));
        var (second, _) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start) with { InResponseTo = requestId })));

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(second, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task LoginLink_WhenSsoIsNotConfigured_SaysSo()
    {
        await using var sp = await StubHarness.StartAsync();

        using var response = await sp.Browser.GetAsync("/saml/login");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Acs_WithDoctype_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        var signed = idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start)).OuterXml;
        var withDtd = "<!DOCTYPE samlp:Response [<!ENTITY who \"ada\">]>" + signed;

        var (status, html) = await PostAsync(sp, Convert.ToBase64String(Encoding.UTF8.GetBytes(withDtd)));

        AssertRefused(sp, status, html, "DTD");
    }

    [Test]
    public async Task Acs_WithDoctypeAndDtdDefenceOff_Accepts()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        sp.Stub.SetDefence(StubDefences.Dtd, false);
        var signed = idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start)).OuterXml;
        var withDtd = "<!DOCTYPE samlp:Response [<!ENTITY who \"ada\">]>" + signed;

        var (status, html) = await PostAsync(sp, Convert.ToBase64String(Encoding.UTF8.GetBytes(withDtd)));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), html);
    }

    [Test]
    public async Task Acs_WithUserIdFromAttribute_NamesTheAttributeValue()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp, pickUserIdFromNameId: false);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(SessionUser().Match(html).Groups[1].Value, Is.EqualTo("ada.uid"));
        });
    }

    [Test]
    public async Task Acs_ForADeactivatedUser_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp);
        await sp.CreateUserAsync("ada", ""","active":false""");

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        AssertRefused(sp, status, html, "deactivated");
    }

    [Test]
    public async Task Acs_ForAnUnknownUserWithoutAutomaticProvisioning_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = Configure(sp, autoProvisioning: false);

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        AssertRefused(sp, status, html, "automatic provisioning is off");
    }

    [Test]
    public async Task Acs_WhenSsoIsNotConfigured_Refuses()
    {
        await using var sp = await StubHarness.StartAsync();
        using var idp = TestIdp.Create();

        var (status, html) = await PostAsync(sp, TestIdp.Encode(idp.Sign(ResponseSpec.For(sp.Stub, StubHarness.Start))));

        AssertRefused(sp, status, html, "not enabled");
    }

    [Test]
    public async Task Metadata_NamesTheEntityIdAndAcsAndWantsAssertionsSigned()
    {
        await using var sp = await StubHarness.StartAsync();

        var xml = await sp.Browser.GetStringAsync("/saml/metadata");

        Assert.Multiple(() =>
        {
            Assert.That(xml, Does.Contain($"entityID=\"{sp.Stub.EntityId}\""));
            Assert.That(xml, Does.Contain($"Location=\"{sp.Stub.AcsUrl}\""));
            Assert.That(xml, Does.Contain("WantAssertionsSigned=\"true\""));
        });
    }

    private static TestIdp Configure(StubHarness sp, bool pickUserIdFromNameId = true, bool autoProvisioning = true)
    {
        var idp = TestIdp.Create();
        sp.Stub.ConfigureSaml(new SamlSettings
        {
            AutoProvisioning = autoProvisioning,
            CertificatePem = idp.CertificatePem,
            LoginUrl = LoginUrl,
            PasswordChangeUrl = "https://console.jumpcloud.com/userconsole",
            LogoutUrl = "https://console.jumpcloud.com/userconsole",
            UserIdAttribute = "uid",
            EmailAttribute = "email",
            PickUserIdFromNameId = pickUserIdFromNameId,
            IdpEntityId = TestIdp.EntityId,
        });
        return idp;
    }

    private static async Task<(HttpStatusCode Status, string Html)> PostAsync(StubHarness sp, string samlResponse, string relayState = "")
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = samlResponse, ["RelayState"] = relayState });
        using var response = await sp.Browser.PostAsync("/saml/acs", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertRefused(StubHarness sp, HttpStatusCode status, string html, string reason) =>
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(ErrorOf(html), Does.Contain(reason));
            Assert.That(sp.Stub.GetSessions(), Is.Empty);
        });

    private static string ErrorOf(string html) => WebUtility.HtmlDecode(ErrorText().Match(html).Groups[1].Value);

    private static XmlDocument Inflate(string base64)
    {
        using var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        var document = new XmlDocument();
        document.Load(deflate);
        return document;
    }

    [GeneratedRegex("<h1 id=\"session-user\">(.*?)</h1>")]
    private static partial Regex SessionUser();

    [GeneratedRegex("<p id=\"error\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ErrorText();
}
