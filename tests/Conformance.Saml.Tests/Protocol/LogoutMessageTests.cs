using Conformance.Saml.Protocol;

namespace Conformance.Saml.Tests.Protocol;

public class LogoutMessageTests
{
    [Test]
    public void LogoutRequest_RoundTrips()
    {
        var request = new LogoutRequestMessage
        {
            Id = "_lr",
            IssueInstant = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero),
            Issuer = "https://sp.example.test",
            Destination = "http://127.0.0.1/saml2/app/slo",
            NameId = "ada@example.test",
            NameIdFormat = SamlNames.NameIdEmailAddress,
            SessionIndexes = ["_s1"],
        };

        var parsed = LogoutRequestMessage.Parse(request.ToXml());

        Assert.Multiple(() =>
        {
            Assert.That(parsed with { SessionIndexes = request.SessionIndexes }, Is.EqualTo(request));
            Assert.That(parsed.SessionIndexes, Is.EqualTo(request.SessionIndexes));
        });
    }

    [Test]
    public void LogoutResponse_RoundTrips()
    {
        var response = new LogoutResponseMessage
        {
            Id = "_lp",
            IssueInstant = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero),
            Issuer = "http://127.0.0.1/saml2/app",
            InResponseTo = "_lr",
            Destination = "https://sp.example.test/slo",
        };

        var parsed = LogoutResponseMessage.Parse(response.ToXml());

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.EqualTo(response));
            Assert.That(parsed.Succeeded, Is.True);
        });
    }
}
