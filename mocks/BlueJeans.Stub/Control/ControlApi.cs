using System.Text.Json;
using System.Text.Json.Nodes;
using BlueJeans.Stub.Http;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BlueJeans.Stub.Control;

/// <summary>docs/sp-control-api.md as WireMock callback mappings over the stub's own methods.</summary>
internal sealed class ControlApi(BlueJeansStub stub)
{
    private const string Base = StubPaths.Control;

    public void Register(WireMockServer server)
    {
        Map(server, "POST", "/reset", _ =>
        {
            stub.Reset();
            return StubResponses.Empty(204);
        });
        Map(server, "POST", "/token", _ => StubResponses.Json(200, new { token = stub.GenerateToken() }));
        Map(server, "PUT", "/token", request =>
        {
            if (Read<JsonObject>(request)?["token"] is not JsonValue value || !value.TryGetValue<string>(out var token) || token.Length == 0)
            {
                return StubResponses.ControlError(400, "The body must be {\"token\": \"<a token issued before>\"}.");
            }
            stub.RestoreToken(token);
            return StubResponses.Empty(204);
        });
        Map(server, "PUT", "/saml", request =>
        {
            var settings = Read<SamlSettings>(request);
            if (settings is null)
            {
                return StubResponses.ControlError(400, "The body must be a SamlSettings JSON object.");
            }
            try
            {
                stub.ConfigureSaml(settings);
                return StubResponses.Empty(204);
            }
            catch (ArgumentException e)
            {
                return StubResponses.ControlError(400, e.Message);
            }
        });
        Map(server, "GET", "/saml", _ =>
        {
            var page = stub.GetSaml();
            var view = JsonSerializer.SerializeToNode(page.Settings, StubResponses.JsonOptions)!.AsObject();
            view["entityId"] = page.EntityId;
            view["acsUrl"] = page.AcsUrl;
            view["relayState"] = page.RelayState;
            view["loginLink"] = page.LoginLink;
            view["sloUrl"] = page.SloUrl;
            return StubResponses.Json(200, view);
        });
        Map(server, "GET", "/sessions", _ => StubResponses.Json(200, stub.GetSessions()));
        Map(server, "GET", "/journal", _ => StubResponses.Json(200, stub.GetJournal()));
        MapRegex(server, "GET", "^/_control/users/(?<user>[^/]+)$", request =>
            stub.GetUser(Segment(request, 2)) is { } user
                ? StubResponses.Json(200, user)
                : StubResponses.ControlError(404, "No such user."));
        MapRegex(server, "PUT", "^/_control/users/(?<user>[^/]+)/recordings$", request =>
        {
            var count = Read<JsonObject>(request)?["count"];
            if (count is not JsonValue value || !value.TryGetValue<int>(out var recordings) || recordings < 0)
            {
                return StubResponses.ControlError(400, "The body must be {\"count\": <non-negative integer>}.");
            }
            return stub.SetRecordings(Segment(request, 2), recordings)
                ? StubResponses.Empty(204)
                : StubResponses.ControlError(404, "No such user.");
        });
        Map(server, "POST", "/faults", request =>
        {
            var fault = Read<StubFault>(request);
            if (fault is null)
            {
                return StubResponses.ControlError(400, "The body must be a Fault JSON object with a kind.");
            }
            try
            {
                stub.AddFault(fault);
                return StubResponses.Json(201, fault);
            }
            catch (ArgumentException e)
            {
                return StubResponses.ControlError(400, e.Message);
            }
        });
        Map(server, "DELETE", "/faults", _ =>
        {
            stub.ClearFaults();
            return StubResponses.Empty(204);
        });
        MapRegex(server, "PUT", "^/_control/defences/(?<name>[^/]+)$", request =>
        {
            var enabled = Read<JsonObject>(request)?["enabled"];
            if (enabled is not JsonValue value || !value.TryGetValue<bool>(out var on))
            {
                return StubResponses.ControlError(400, "The body must be {\"enabled\": true|false}.");
            }
            return stub.SetDefence(Segment(request, 2), on)
                ? StubResponses.Empty(204)
                : StubResponses.ControlError(404, $"No such defence; the stub has {string.Join(", ", StubDefences.All)}.");
        });
    }

    private static void Map(WireMockServer server, string method, string path, Func<IRequestMessage, ResponseMessage> handler) =>
        server.Given(Request.Create().WithPath(Base + path).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(handler));

    private static void MapRegex(WireMockServer server, string method, string pattern, Func<IRequestMessage, ResponseMessage> handler) =>
        server.Given(Request.Create().WithPath(new RegexMatcher(pattern)).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(handler));

    private static string Segment(IRequestMessage request, int index) =>
        Uri.UnescapeDataString(request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[index]);

    private static T? Read<T>(IRequestMessage request)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(request.Body ?? "", StubResponses.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
