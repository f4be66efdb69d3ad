using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Conformance.Bench.Scim;

/// <summary>
/// The minimal endpoint's answers from a single WireMock.Net callback mapping, with the stub's settings (no request log,
/// no JSON parse): what WireMock.Net itself costs, so the stub's figure can be split into WireMock's share and the share
/// of the stub's own mappings, journal and store.
/// </summary>
internal sealed class BareWireMockEndpoint : IDisposable
{
    private readonly WireMockServer _server;
    private readonly MinimalScimUsers _users = new();

    public BareWireMockEndpoint(string token)
    {
        Token = token;
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            MaxRequestLogCount = 0,
            DisableJsonBodyParsing = true,
            Logger = new WireMockNullLogger(),
        });
        _server
            .Given(Request.Create().WithPath(MinimalScimUsers.UsersPath).WithHeader("Authorization", "Bearer " + token))
            .RespondWith(Response.Create().WithCallback(Answer));
        BaseUrl = new Uri($"http://127.0.0.1:{_server.Ports[0]}/scim/v2");
    }

    public string Token { get; }
    public Uri BaseUrl { get; }

    public void Clear() => _users.Clear();

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    private ResponseMessage Answer(IRequestMessage request)
    {
        if (request.Method == "GET")
        {
            return Json(200, _users.Lookup(QueryHelpers.ParseQuery(request.RawQuery).TryGetValue("filter", out var filter) ? filter.ToString() : ""));
        }
        var (status, json) = _users.Create(JsonNode.Parse(request.Body ?? "")!.AsObject());
        return Json(status, json ?? "");
    }

    private static ResponseMessage Json(int status, string body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
        };
        message.AddHeader("Content-Type", "application/scim+json");
        return message;
    }
}
