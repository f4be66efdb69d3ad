using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace BlueJeans.Stub.Tests;

/// <summary>A started stub on a fake clock, with a SCIM client holding a generated token.</summary>
internal sealed class StubHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private StubHarness(BlueJeansStub stub, FakeTimeProvider time, string token)
    {
        Stub = stub;
        Time = time;
        Token = token;
        Scim = new HttpClient { BaseAddress = new Uri(stub.ScimBaseUrl + "/") };
        Scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(stub.BaseUrl) };
    }

    public BlueJeansStub Stub { get; }
    public FakeTimeProvider Time { get; }
    public string Token { get; }
    public HttpClient Scim { get; }
    public HttpClient Browser { get; }

    public static async Task<StubHarness> StartAsync()
    {
        var time = new FakeTimeProvider(Start);
        var stub = await BlueJeansStub.StartAsync(new BlueJeansStubOptions { Port = 0, Time = time });
        return new StubHarness(stub, time, stub.GenerateToken());
    }

    public static StringContent ScimJson(string json) => new(json, Encoding.UTF8, "application/scim+json");

    public Task<HttpResponseMessage> PostAsync(string path, string json) => Scim.PostAsync(path, ScimJson(json));

    public Task<HttpResponseMessage> PatchAsync(string path, string json) => Scim.PatchAsync(path, ScimJson(json));

    public Task<HttpResponseMessage> PutAsync(string path, string json) => Scim.PutAsync(path, ScimJson(json));

    /// <summary>Creates a user and returns its id.</summary>
    public async Task<string> CreateUserAsync(string userName, string extra = "")
    {
        using var response = await PostAsync("Users", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}"{{extra}}}""");
        var body = await ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static string PatchBody(params string[] operations) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{string.Join(",", operations)}}]}""";

    public async Task<HttpResponseMessage> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, Stub.ControlUrl + path) { Content = body is null ? null : JsonContent.Create(body) };
        return await Browser.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Scim.Dispose();
        Browser.Dispose();
        await Stub.DisposeAsync();
    }
}
