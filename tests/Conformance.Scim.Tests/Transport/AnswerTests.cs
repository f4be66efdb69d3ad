using System.Net;
using System.Text;
using Conformance.Core.Http;
using Conformance.Scim.Transport;

namespace Conformance.Scim.Tests.Transport;

public sealed class AnswerTests
{
    // RFC 7644 3.8: a proxy's login page is not the SP's answer, even labelled as JSON it would not parse.
    [TestCase("{\"id\":\"u-1\"}", "text/html",
        "The SP's answer is labelled 'text/html', not application/scim+json (RFC 7644 3.8).")]
    [TestCase("<html>login</html>", "application/scim+json",
        "The SP's answer is not JSON: '<' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.")]
    [TestCase("{\"id\":\"u-1\"} and more", "application/scim+json",
        "The SP's answer is not JSON: 'a' is invalid after a single JSON value. Expected end of data. LineNumber: 0 | BytePositionInLine: 13.")]
    [TestCase("[{\"id\":\"u-1\"}]", "application/json",
        "The SP answered with JSON that is not a SCIM resource object.")]
    // Which givenName is the user's would be a guess: the SP's fault, said when the answer is read.
    [TestCase("{\"id\":\"u-1\",\"name\":{\"givenName\":\"Ada\",\"givenName\":\"Bob\"}}", "application/scim+json",
        "The SP's answer names a member twice, so which value it means cannot be known (RFC 8259 4: names SHOULD be unique): Duplicate property 'givenName' encountered during deserialization.")]
    public void AnAnswerTheSpGotWrong_IsRefusedWithTheReason_AndNotAskedAgain(string body, string contentType, string reason)
    {
        using var client = Client(body, contentType);

        var failure = Assert.ThrowsAsync<ScimRequestException>(() =>
            client.Scim.ReadAsync(HttpMethod.Get, "/Users/u-1", null, static answer => answer.HasValue, CancellationToken.None));

        Assert.That(failure!.Message, Is.EqualTo(reason));
        Assert.That(client.Handler.Bodies, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ReadingAnAnswer_GivesTheMembersAsSent()
    {
        using var client = Client("{\"id\":\"u-1\",\"userName\":\"ada\",\"active\":false}", "application/scim+json; charset=utf-8");

        var read = await client.Scim.ReadAsync(HttpMethod.Post, "/Users", "{}"u8.ToArray(),
            static answer => (answer!.Value.GetProperty("id").GetString(), answer.Value.GetProperty("active").GetBoolean()), CancellationToken.None);

        Assert.That(read, Is.EqualTo(("u-1", false)));
        Assert.That(client.Handler.Bodies.Single(), Is.EqualTo("{}"));
    }

    [Test]
    public async Task ReadingAnEmptyAnswer_GivesNoResource()
    {
        using var client = Client(" \r\n", "application/scim+json");

        var read = await client.Scim.ReadAsync(HttpMethod.Delete, "/Users/u-1", null, static answer => answer.HasValue, CancellationToken.None);

        Assert.That(read, Is.False);
    }

    [Test]
    public async Task SendingForTheObject_GivesAnObjectThatOutlivesTheAnswer()
    {
        using var client = Client("{\"id\":\"u-1\",\"emails\":[{\"value\":\"ada@example.test\",\"primary\":true}]}", "application/json");

        var resource = await client.Scim.SendAsync(HttpMethod.Get, "/Users/u-1", null, CancellationToken.None);
        // Another answer read in between must not reuse what the first one was parsed into.
        await client.Scim.SendAsync(HttpMethod.Get, "/Users/u-1", null, CancellationToken.None);

        Assert.That(resource!.ToJsonString(), Is.EqualTo("{\"id\":\"u-1\",\"emails\":[{\"value\":\"ada@example.test\",\"primary\":true}]}"));
    }

    [Test]
    public void ReaderThatThrows_PassesItsFailureOn()
    {
        using var client = Client("{\"id\":\"u-1\"}", "application/scim+json");

        var failure = Assert.ThrowsAsync<ScimRequestException>(() => client.Scim.ReadAsync<string>(HttpMethod.Get, "/Users/u-1", null,
            static _ => throw new ScimRequestException("no id"), CancellationToken.None));

        Assert.That(failure!.Message, Is.EqualTo("no id"));
    }

    private static CannedClient Client(string body, string contentType)
    {
        var handler = new CannedHandler(body, contentType);
        var http = new HttpClient(handler);
        var options = new ScimEngineOptions { MaxRetries = 2 };
        var redactor = new Redactor();
        var settings = new IdmSettings { BaseUrl = new Uri("http://sp.test/scim/v2"), Token = "sp-token-answers" };
        var scim = new ScimClient(http, settings, options, ScimClient.Pipeline(options, TimeProvider.System, redactor), TimeProvider.System, redactor);
        return new CannedClient(http, handler, scim);
    }

    private sealed record CannedClient(HttpClient Http, CannedHandler Handler, ScimClient Scim) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }

    /// <summary>Every request gets 200 with the same body, labelled as given.</summary>
    private sealed class CannedHandler(string body, string contentType) : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
