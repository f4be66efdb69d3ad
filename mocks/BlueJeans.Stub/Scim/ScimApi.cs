using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlueJeans.Stub.Http;
using Microsoft.AspNetCore.WebUtilities;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BlueJeans.Stub.Scim;

/// <summary>
/// The stateful SCIM endpoints as WireMock callback mappings over <see cref="ScimStore"/>. The bearer token
/// was already checked by the gateway; the fixed discovery endpoints are static mappings (Mappings/*.json).
/// </summary>
internal sealed class ScimApi(ScimStore store)
{
    public void Register(WireMockServer server)
    {
        foreach (var kind in Enum.GetValues<ScimResourceKind>())
        {
            server
                .Given(Request.Create().WithPath(new RegexMatcher($"^{StubPaths.Base}/{kind}s(/[^/]+)?$")).UsingAnyMethod())
                .AtPriority(5)
                .RespondWith(Response.Create().WithCallback(request => Handle(kind, request)));
        }
    }

    private ResponseMessage Handle(ScimResourceKind kind, IRequestMessage request)
    {
        try
        {
            var prefix = $"{StubPaths.Base}/{kind}s/";
            var id = request.Path.StartsWith(prefix, StringComparison.Ordinal) ? Uri.UnescapeDataString(request.Path[prefix.Length..]) : null;
            switch (request.Method.ToUpperInvariant(), id)
            {
                case ("POST", null):
                    var created = store.Create(kind, ParseObject(request));
                    var response = StubResponses.Scim(201, created);
                    response.AddHeader("Location", created["meta"]!["location"]!.GetValue<string>());
                    return response;
                case ("GET", null):
                    return StubResponses.Scim(200, List(kind, request).ToJson());
                case ("GET", { } getId):
                    return StubResponses.Scim(200, store.Get(kind, getId));
                case ("PUT", { } putId):
                    return StubResponses.Scim(200, store.Replace(kind, putId, ParseObject(request)));
                case ("PATCH", { } patchId):
                    return StubResponses.Scim(200, store.Patch(kind, patchId, ParseObject(request)));
                case ("DELETE", { } deleteId):
                    store.Delete(kind, deleteId);
                    return StubResponses.Empty(204);
                default:
                    throw new ScimException(405, null, $"{request.Method} is not supported on {request.Path}.");
            }
        }
        catch (ScimException e)
        {
            return StubResponses.Scim(e.Status, ScimErrors.Body(e.Status, e.ScimType, e.Message));
        }
    }

    private ScimListPage List(ScimResourceKind kind, IRequestMessage request)
    {
        var query = QueryHelpers.ParseQuery(request.RawQuery);
        var filter = ScimFilter.Parse(query.TryGetValue("filter", out var f) ? f.ToString() : null, ScimStore.FilterAttributes(kind));
        return store.List(kind, filter, Int(query, "startIndex", 1), Int(query, "count", ScimStore.DefaultPageSize));
    }

    private static int Int(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string name, int fallback)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return fallback;
        }
        return int.TryParse(text.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ScimException.InvalidValue($"{name} must be an integer.");
    }

    private static JsonObject ParseObject(IRequestMessage request)
    {
        try
        {
            return JsonNode.Parse(request.Body ?? "") as JsonObject ?? throw ScimException.InvalidSyntax("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ScimException.InvalidSyntax($"The body is not valid JSON: {e.Message}");
        }
    }
}
