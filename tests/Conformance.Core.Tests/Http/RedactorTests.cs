using Conformance.Core.Http;

namespace Conformance.Core.Tests.Http;

public sealed class RedactorTests
{
    [TestCase("""{"userName":"ada","emails":[{"value":"ada@example.test","type":"work","primary":true}]}""", true)]
    [TestCase("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}""", true)]
    [TestCase("""{"tokens":1,"passwords":2,"secretary":"x","token_type":"y"}""", true)]
    [TestCase("", true)]
    [TestCase("""{"password":"x"}""", false)]
    [TestCase("""{"PassWord" : "x"}""", false)]
    [TestCase("""{"client_secret":"x"}""", false)]
    [TestCase("""{"Access_TOKEN":"x"}""", false)]
    [TestCase("user=ada&Token=abc", false)]
    [TestCase("secret=abc", true)]
    [TestCase("Authorization: Bearer abcdef0123456789xyz", false)]
    [TestCase("the bearer of news", false)]
    [TestCase("-----BEGIN PRIVATE KEY-----x-----END PRIVATE KEY-----", false)]
    [TestCase("""{"note":"p@ss word!42 inside"}""", false)]
    [TestCase("""{"note":"p%40ss%20word%2142"}""", false)]
    [TestCase("""{"note":"p@ss word!4"}""", true)]
    [TestCase("""{"name":"Zoë"}""", false)]
    public void LeavesUnchanged_OfUtf8Text_IsTrueOnlyWhenRedactReturnsTheTextAsItIs(string text, bool unchanged)
    {
        var redactor = new Redactor();
        redactor.AddSecret("p@ss word!42");

        Assert.That(redactor.LeavesUnchanged(System.Text.Encoding.UTF8.GetBytes(text)), Is.EqualTo(unchanged));
        if (unchanged)
        {
            Assert.That(redactor.Redact(text), Is.SameAs(text));
        }
    }

    [Test]
    public void Version_WhenASecretIsRegistered_ChangesAndWhenItIsKnownAlready_DoesNot()
    {
        var redactor = new Redactor();
        var before = redactor.Version;
        redactor.AddSecret("registered-once");
        var after = redactor.Version;
        redactor.AddSecret("registered-once");

        Assert.That((after > before, redactor.Version == after), Is.EqualTo((true, true)));
    }

    [Test]
    public void Redact_BearerToken_IsMasked()
    {
        Assert.That(new Redactor().Redact("Authorization: Bearer abcdef0123456789xyz"), Is.EqualTo("Authorization: Bearer [REDACTED]"));
    }

    [Test]
    public void Redact_SentenceMentioningBearer_KeepsTheSentence()
    {
        Assert.That(new Redactor().Redact("The bearer token is not valid"), Is.EqualTo("The bearer token is not valid"));
    }

    [Test]
    public void Redact_JsonPassword_IsMasked()
    {
        Assert.That(new Redactor().Redact("""{"userName":"ada","password":"S3cret!pass"}"""), Is.EqualTo("""{"userName":"ada","password":"[REDACTED]"}"""));
    }

    [Test]
    public void Redact_RegisteredSecret_IsMaskedAlsoWhenUrlEncoded()
    {
        var redactor = new Redactor();
        redactor.AddSecret("p@ss word!42");

        Assert.That(redactor.Redact("a=p@ss word!42&b=p%40ss%20word%2142"), Is.EqualTo("a=[REDACTED]&b=[REDACTED]"));
    }

    [Test]
    public void Redact_JsonTokenInAnotherCase_IsMasked()
    {
        Assert.That(new Redactor().Redact("""{"Access_Token":"abc"}"""), Is.EqualTo("""{"Access_Token":"[REDACTED]"}"""));
    }

    [Test]
    public void Redact_FormPassword_IsMasked()
    {
        Assert.That(new Redactor().Redact("user=ada&Password=S3cret!pass"), Is.EqualTo("user=ada&Password=[REDACTED]"));
    }

    [Test]
    public void Redact_SecretRegisteredAfterThousandsOfOthers_IsMasked()
    {
        var redactor = new Redactor();
        for (var i = 0; i < 5000; i++)
        {
            redactor.AddSecret($"other-secret-{i:D5}");
        }
        redactor.AddSecret("the-last-one!");

        Assert.That(redactor.Redact("""{"userName":"ada","note":"the-last-one! other-secret-00042"}"""),
            Is.EqualTo("""{"userName":"ada","note":"[REDACTED] [REDACTED]"}"""));
    }

    [Test]
    public void Redact_PrivateKey_IsMasked()
    {
        var text = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";

        Assert.That(new Redactor().Redact(text), Does.Not.Contain("MIIEow"));
    }

    [Test]
    public void RedactHeader_Cookie_KeepsNamesMasksValues()
    {
        Assert.That(new Redactor().RedactHeader("Cookie", "session=abc; theme=dark"), Is.EqualTo("session=[REDACTED]; theme=[REDACTED]"));
    }

    [Test]
    public void Redact_SecretsSharingAPrefix_MasksTheLongestWhole()
    {
        var redactor = new Redactor();
        redactor.AddSecret("abcdefgh");
        redactor.AddSecret("abcdefgh-longer");

        Assert.That(redactor.Redact("x abcdefgh-longer y abcdefgh z"), Is.EqualTo("x [REDACTED] y [REDACTED] z"));
    }

    [Test]
    public void Redact_WithThousandsOfSecrets_MasksEachWhereverItStands()
    {
        var redactor = new Redactor();
        var secrets = Enumerable.Range(0, 5000).Select(i => $"Pw1!secret-{i:D5}").ToList();
        secrets.ForEach(redactor.AddSecret);

        var text = string.Join(",", secrets.Where((_, i) => i % 997 == 0).Select(s => $"\"password\":\"{s}\" {s}"));

        Assert.That(redactor.Redact(text), Does.Not.Contain("secret-"));
    }
}
