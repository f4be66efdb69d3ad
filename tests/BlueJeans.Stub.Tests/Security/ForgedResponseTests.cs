using System.Net;
using System.Text.RegularExpressions;
using Conformance.Saml.Attacks;
using Conformance.Saml.Responses;
using Conformance.Saml.Signing;

namespace BlueJeans.Stub.Tests.Security;

/// <summary>
/// The SP security suite against the model SP: the stub refuses every forged Response, and with the
/// matching defence switched off it falls for the same Response (each case proven able to fail).
/// </summary>
public partial class ForgedResponseTests
{
    private const string IdpEntityId = "https://sso.jumpcloud.com/saml2/bluejeans";
    private const string Victim = "ada";
    private const string Attacker = "admin";

    private static readonly Lazy<SigningCertificate> IdpKey = new(() => SigningCertificate.Create("bluejeans", StubHarness.Start));
    private static readonly Lazy<SigningCertificate> AttackerKey = new(() => SigningCertificate.Create("attacker", StubHarness.Start));

    /// <summary>The stub requires a signed Assertion (WantAssertionsSigned="true"), not a signed Response.</summary>
    private const string OutsidePolicy = "response-unsigned";

    private static IEnumerable<string> MustRefuse() =>
        AttackCatalog.All.Where(a => a.RefusalRequired && a.Id != OutsidePolicy).Select(a => a.Id);

    private static IEnumerable<TestCaseData> Switchable() =>
        AttackCatalog.All.Where(a => a.StubDefence is not null).Select(a => new TestCaseData(a.Id, a.StubDefence));

    [TestCaseSource(nameof(MustRefuse))]
    public async Task Acs_ForgedResponse_IsRefusedWithoutASession(string attackId)
    {
        await using var sp = await StubHarness.StartAsync();
        await using var listener = FetchListener.Start();
        var forged = Forge(sp, attackId, listener.Url);

        var (status, page) = await SendAsync(sp, forged);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), page);
            Assert.That(ErrorOf(page), Is.Not.Empty);
            // Replay: the first post is the valid login, only the second is refused.
            Assert.That(sp.Stub.GetSessions(), Has.Count.EqualTo(forged.Sends - 1));
            Assert.That(listener.Fetches, Is.Zero, "the SP fetched the external entity");
        });
    }

    [TestCaseSource(nameof(Switchable))]
    public async Task Acs_ForgedResponseWithItsDefenceOff_LogsInAsTheImpersonatedUser(string attackId, string defence)
    {
        await using var sp = await StubHarness.StartAsync();
        await using var listener = FetchListener.Start();
        var forged = Forge(sp, attackId, listener.Url);
        Assert.That(sp.Stub.SetDefence(defence, false), Is.True, defence);

        var (status, page) = await SendAsync(sp, forged);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), ErrorOf(page));
            Assert.That(sp.Stub.GetSessions(), Has.Count.EqualTo(forged.Sends));
            Assert.That(sp.Stub.GetSessions()[^1].NameId, Is.EqualTo(forged.ImpersonatedNameId));
            Assert.That(listener.Fetches, Is.Zero, "the stub never resolves external entities, even with its dtd defence off");
        });
    }

    [TestCase("xsw1")]
    [TestCase("xsw7")]
    [TestCase("two-assertions-one-signed")]
    public async Task Acs_WrappingWithTheSignatureDefenceOff_IsStillRefusedByTheWrappingDefence(string attackId)
    {
        await using var sp = await StubHarness.StartAsync();
        var forged = Forge(sp, attackId, listener: null);
        sp.Stub.SetDefence(StubDefenceNames.Signature, false);

        var (status, page) = await SendAsync(sp, forged);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(ErrorOf(page), Does.Contain("exactly one Assertion"));
            Assert.That(sp.Stub.GetSessions(), Is.Empty);
        });
    }

    [Test]
    public async Task Acs_CommentInjection_LogsInAsTheWholeSignedNameIdNeverTheVictim()
    {
        await using var sp = await StubHarness.StartAsync();
        var forged = Forge(sp, "comment-injection", listener: null);

        var (status, page) = await SendAsync(sp, forged);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), ErrorOf(page));
            Assert.That(sp.Stub.GetSessions().Select(s => s.NameId), Is.EqualTo(new[] { Victim + ".evil.example" }));
            Assert.That(sp.Stub.GetSessions().Select(s => s.NameId), Has.None.EqualTo(forged.ImpersonatedNameId));
        });
    }

    [Test]
    public async Task Acs_ResponseUnsigned_IsAcceptedBecauseTheStubRequiresOnlyASignedAssertion()
    {
        await using var sp = await StubHarness.StartAsync();

        var (status, page) = await SendAsync(sp, Forge(sp, OutsidePolicy, listener: null));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), ErrorOf(page));
    }

    [Test]
    public async Task Acs_AssertionUnsigned_IsRefusedAsOutsideTheMetadataPolicy()
    {
        await using var sp = await StubHarness.StartAsync();

        var (status, page) = await SendAsync(sp, Forge(sp, "assertion-unsigned", listener: null));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(ErrorOf(page), Does.Contain("WantAssertionsSigned"));
        });
    }

    [Test]
    public async Task FetchListener_WhenSomethingFetchesIt_CountsTheFetch()
    {
        await using var listener = FetchListener.Start();
        using var client = new HttpClient();

        using var response = await client.GetAsync(listener.Url);

        Assert.That(listener.Fetches, Is.EqualTo(1));
    }

    private static ForgedResponse Forge(StubHarness sp, string attackId, Uri? listener)
    {
        sp.Stub.ConfigureSaml(new SamlSettings
        {
            CertificatePem = IdpKey.Value.Pem,
            LoginUrl = IdpEntityId,
            UserIdAttribute = "uid",
            EmailAttribute = "email",
            PickUserIdFromNameId = true,
            IdpEntityId = IdpEntityId,
        });
        return AttackCatalog.Forge(attackId, new AttackContext
        {
            Victim = new ResponseSpec
            {
                IdpEntityId = IdpEntityId,
                AcsUrl = sp.Stub.AcsUrl,
                Audience = sp.Stub.EntityId,
                NameId = Victim,
                IssueInstant = StubHarness.Start,
                SessionIndex = "_session-1",
                Attributes = [new AttributeClaim("email", "ada@example.com"), new AttributeClaim("uid", "ada.uid")],
            },
            IdpCertificate = IdpKey.Value.Certificate,
            AttackerCertificate = AttackerKey.Value.Certificate,
            AttackerNameId = Attacker,
            ListenerUrl = listener ?? new Uri("http://127.0.0.1:9/xxe"),
        });
    }

    /// <summary>Posts the forged Response as the browser would (HTTP-POST binding), as often as the case says; the last answer counts.</summary>
    private static async Task<(HttpStatusCode Status, string Page)> SendAsync(StubHarness sp, ForgedResponse forged)
    {
        (HttpStatusCode, string) last = default;
        for (var send = 0; send < forged.Sends; send++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = forged.Base64, ["RelayState"] = "bjn-relay" });
            using var response = await sp.Browser.PostAsync("/saml/acs", form);
            last = (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        return last;
    }

    private static string ErrorOf(string page) => WebUtility.HtmlDecode(ErrorText().Match(page).Groups[1].Value);

    [GeneratedRegex("<p id=\"error\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ErrorText();
}
