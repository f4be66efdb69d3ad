using Conformance.Core.Http;

namespace Conformance.Core.Tests.Http;

public sealed class HttpExchangeTests
{
    private static HttpExchange Baseline(string? requestBody, string? responseBody) => new()
    {
        Id = "scim-000001",
        Channel = "scim",
        StartedAt = DateTimeOffset.UnixEpoch,
        Duration = TimeSpan.FromMilliseconds(3),
        Method = "POST",
        Url = "http://sp.test/scim/v2/Users?filter=userName%20eq%20%22ren%C3%A9e%22",
        RequestHeaders = [new("Accept", "application/scim+json")],
        RequestBody = requestBody,
        Status = 201,
        ResponseBody = responseBody,
    };

    [Test]
    public void UrlAndBodies_WithNonAsciiText_ReadBackUnchanged()
    {
        var exchange = Baseline("""{"userName":"renée","name":{"familyName":"Ørsted 😀"}}""", """{"id":"1","displayName":"Zoë"}""");

        Assert.Multiple(() =>
        {
            Assert.That(exchange.Url, Is.EqualTo("http://sp.test/scim/v2/Users?filter=userName%20eq%20%22ren%C3%A9e%22"));
            Assert.That(exchange.RequestBody, Is.EqualTo("""{"userName":"renée","name":{"familyName":"Ørsted 😀"}}"""));
            Assert.That(exchange.ResponseBody, Is.EqualTo("""{"id":"1","displayName":"Zoë"}"""));
        });
    }

    [Test]
    public void Bodies_WhenAbsent_StayNullAndEmptyStaysEmpty()
    {
        var exchange = Baseline(null, "");

        Assert.Multiple(() =>
        {
            Assert.That(exchange.RequestBody, Is.Null);
            Assert.That(exchange.ResponseBody, Is.Empty);
        });
    }
}
