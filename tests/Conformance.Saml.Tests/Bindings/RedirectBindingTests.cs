using System.Text;
using Conformance.Saml.Bindings;
using Conformance.Saml.Protocol;

namespace Conformance.Saml.Tests.Bindings;

public class RedirectBindingTests
{
    private static readonly byte[] Xml = new AuthnRequestMessage
    {
        Id = "_req-1",
        IssueInstant = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero),
        Issuer = "https://sp.example.test",
        AssertionConsumerServiceUrl = "https://sp.example.test/acs",
    }.ToXml();

    [Test]
    public void Parse_EncodedUnsigned_RoundTripsXmlAndRelayState()
    {
        var query = RedirectBinding.Encode(BindingFields.SamlRequest, Xml, "https://sp.example.test/after?a=1&b=2", signWith: null);

        var message = RedirectBinding.Parse("?" + query);

        Assert.Multiple(() =>
        {
            Assert.That(message.Parameter, Is.EqualTo("SAMLRequest"));
            Assert.That(message.Xml, Is.EqualTo(Xml));
            Assert.That(message.RelayState, Is.EqualTo("https://sp.example.test/after?a=1&b=2"));
            Assert.That(message.IsSigned, Is.False);
        });
    }

    [Test]
    public void Parse_Signed_VerifiesWithTheSignerOnly()
    {
        var message = RedirectBinding.Parse(RedirectBinding.Encode(BindingFields.SamlResponse, Xml, "rs", TestKeys.App.Certificate));

        Assert.Multiple(() =>
        {
            Assert.That(message.SigAlg, Is.EqualTo(SamlNames.RsaSha256));
            Assert.That(message.VerifySignature(TestKeys.App.Certificate), Is.True);
            Assert.That(message.VerifySignature(TestKeys.Other.Certificate), Is.False);
        });
    }

    [Test]
    public void Parse_SignedThenRelayStateChanged_DoesNotVerify()
    {
        var query = RedirectBinding.Encode(BindingFields.SamlRequest, Xml, "rs", TestKeys.App.Certificate);

        var message = RedirectBinding.Parse(query.Replace("RelayState=rs", "RelayState=rt", StringComparison.Ordinal));

        Assert.That(message.VerifySignature(TestKeys.App.Certificate), Is.False);
    }

    [Test]
    public void Parse_NotDeflated_IsRefused()
    {
        var query = "SAMLRequest=" + Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes("<not deflated/>")));

        Assert.That(() => RedirectBinding.Parse(query), Throws.TypeOf<SamlMessageException>());
    }

    [Test]
    public void Parse_DeflateBomb_IsRefused()
    {
        var bomb = RedirectBinding.Deflate(new byte[RedirectBinding.MaxInflatedBytes + 1]);
        var query = "SAMLRequest=" + Uri.EscapeDataString(Convert.ToBase64String(bomb));

        Assert.That(() => RedirectBinding.Parse(query), Throws.TypeOf<SamlMessageException>().With.Message.Contains("exceeds"));
    }

    [Test]
    public void Parse_NoSamlParameter_IsRefused()
    {
        Assert.That(() => RedirectBinding.Parse("RelayState=x"), Throws.TypeOf<SamlMessageException>());
    }
}
