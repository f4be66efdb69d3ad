using System.Text;
using Conformance.Saml.Protocol;

namespace Conformance.Saml.Tests.Protocol;

public class AuthnRequestMessageTests
{
    private static AuthnRequestMessage Baseline() => new()
    {
        Id = "_req-7",
        IssueInstant = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero),
        Issuer = "https://sp.example.test",
        Destination = "http://127.0.0.1:5000/saml2/bluejeans",
        AssertionConsumerServiceUrl = "https://sp.example.test/acs",
        ProtocolBinding = SamlNames.HttpPostBinding,
        NameIdFormat = SamlNames.NameIdEmailAddress,
    };

    [Test]
    public void Parse_WrittenRequest_ReadsBackEveryField()
    {
        var parsed = AuthnRequestMessage.Parse(Baseline().ToXml());

        Assert.That(parsed, Is.EqualTo(Baseline()));
    }

    [Test]
    public void Parse_WithDoctype_IsRefused()
    {
        var xml = Encoding.UTF8.GetString(Baseline().ToXml());
        var withDtd = "<!DOCTYPE samlp:AuthnRequest [<!ENTITY x \"boom\">]>" + xml.Replace("https://sp.example.test</saml:Issuer>", "&x;</saml:Issuer>", StringComparison.Ordinal);

        Assert.That(() => AuthnRequestMessage.Parse(Encoding.UTF8.GetBytes(withDtd)),
            Throws.TypeOf<SamlMessageException>().With.Message.Contains("DTD"));
    }

    [Test]
    public void Parse_WrongVersion_IsRefused()
    {
        var xml = Encoding.UTF8.GetString(Baseline().ToXml()).Replace("Version=\"2.0\"", "Version=\"1.1\"", StringComparison.Ordinal);

        Assert.That(() => AuthnRequestMessage.Parse(Encoding.UTF8.GetBytes(xml)), Throws.TypeOf<SamlMessageException>());
    }

    [Test]
    public void Parse_AnotherMessage_IsRefused()
    {
        var logout = new LogoutRequestMessage { Id = "_l", IssueInstant = DateTimeOffset.UnixEpoch, Issuer = "sp", NameId = "n" }.ToXml();

        Assert.That(() => AuthnRequestMessage.Parse(logout), Throws.TypeOf<SamlMessageException>().With.Message.Contains("AuthnRequest"));
    }
}
