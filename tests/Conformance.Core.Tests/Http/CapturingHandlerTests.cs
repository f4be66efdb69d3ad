using System.Net;
using System.Text;
using Conformance.Core.Http;

namespace Conformance.Core.Tests.Http;

public sealed class CapturingHandlerTests
{
    private const string Token = "tok-0123456789abcdef";

    [Test]
    public async Task SendAsync_OfACreate_RecordsEveryHarFieldAsSentAndAnswered()
    {
        var (journal, http, _) = Capturing(new Answer(HttpStatusCode.Created, """{"id":"u-1","userName":"ada"}""", "application/scim+json"));
        using var request = Post("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada"}""");

        using var response = await http.SendAsync(request);

        var exchange = journal.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(exchange.Id, Is.EqualTo("scim-000001"));
            Assert.That(exchange.Channel, Is.EqualTo(Channels.Scim));
            Assert.That(exchange.Method, Is.EqualTo("POST"));
            Assert.That(exchange.Url, Is.EqualTo("http://sp.test/scim/v2/Users"));
            Assert.That(exchange.RequestHeaders, Is.EqualTo((KeyValuePair<string, string>[])
            [
                new("Authorization", "Bearer " + Redactor.Mask),
                new("Accept", "application/scim+json"),
                new("Content-Type", "application/scim+json; charset=utf-8"),
                new("Content-Length", "75"),
            ]));
            Assert.That(exchange.RequestBody, Is.EqualTo("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada"}"""));
            Assert.That(exchange.Status, Is.EqualTo(201));
            Assert.That(exchange.StatusText, Is.EqualTo("Created"));
            Assert.That(exchange.ResponseHeaders, Is.EqualTo((KeyValuePair<string, string>[])
            [
                new("Server", "Kestrel"),
                new("Content-Type", "application/scim+json"),
                new("Content-Length", "29"),
            ]));
            Assert.That(exchange.ResponseBody, Is.EqualTo("""{"id":"u-1","userName":"ada"}"""));
            Assert.That(exchange.Error, Is.Null);
        });
    }

    [Test]
    public async Task SendAsync_WithSecretsAndNonAsciiInTheBodies_RecordsThemRedactedAndDecoded()
    {
        var (journal, http, redactor) = Capturing(new Answer(HttpStatusCode.OK, $$"""{"note":"{{Token}}","name":"Zoë"}""", "application/json; charset=utf-8"));
        redactor.AddSecret(Token);
        using var request = Post("""{"userName":"renée","password":"S3cret!pass"}""");

        using var response = await http.SendAsync(request);

        var exchange = journal.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(exchange.RequestBody, Is.EqualTo($$"""{"userName":"renée","password":"{{Redactor.Mask}}"}"""));
            Assert.That(exchange.ResponseBody, Is.EqualTo($$"""{"note":"{{Redactor.Mask}}","name":"Zoë"}"""));
        });
    }

    [Test]
    public async Task SendAsync_OfAnAnswerInAnotherCharset_RecordsItAsThatCharsetReadsIt()
    {
        var latin1 = Encoding.Latin1.GetBytes("{\"name\":\"Zoë\"}");
        var (journal, http, _) = Capturing(new Answer(HttpStatusCode.OK, latin1, "application/json; charset=iso-8859-1"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://sp.test/scim/v2/Users/u-1");

        using var response = await http.SendAsync(request);

        Assert.That(journal.All.Single().ResponseBody, Is.EqualTo("{\"name\":\"Zoë\"}"));
    }

    [Test]
    public async Task SendAsync_AfterASecretIsRegistered_MasksItInHeaderValuesCapturedBefore()
    {
        var (journal, http, redactor) = Capturing(new Answer(HttpStatusCode.OK, "{}", "application/scim+json"));
        using (var first = Get("X-Tenant", "tenant-secret-42"))
        {
            using var response = await http.SendAsync(first);
        }
        redactor.AddSecret("tenant-secret-42");
        using (var second = Get("X-Tenant", "tenant-secret-42"))
        {
            using var response = await http.SendAsync(second);
        }

        Assert.That(journal.All.Select(e => e.RequestHeaders.Single(h => h.Key == "X-Tenant").Value),
            Is.EqualTo((string[])["tenant-secret-42", Redactor.Mask]));
    }

    private static HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://sp.test/scim/v2/Users")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/scim+json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);
        request.Headers.TryAddWithoutValidation("Accept", "application/scim+json");
        return request;
    }

    private static HttpRequestMessage Get(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://sp.test/scim/v2/Users");
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private static (ExchangeJournal Journal, HttpClient Http, Redactor Redactor) Capturing(Answer answer)
    {
        var journal = new ExchangeJournal();
        var redactor = new Redactor();
        var http = new HttpClient(new CapturingHandler(journal, redactor, TimeProvider.System, Channels.Scim) { InnerHandler = answer });
        return (journal, http, redactor);
    }

    /// <summary>The SP: the same answer to every request, its body read as a server would.</summary>
    private sealed class Answer(HttpStatusCode status, byte[] body, string contentType) : HttpMessageHandler
    {
        public Answer(HttpStatusCode status, string body, string contentType)
            : this(status, Encoding.UTF8.GetBytes(body), contentType)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body), RequestMessage = request };
            response.Headers.TryAddWithoutValidation("Server", "Kestrel");
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            response.Content.Headers.ContentLength = body.Length;
            return response;
        }
    }
}
