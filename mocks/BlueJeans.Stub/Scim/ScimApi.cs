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
/// The stateful SCIM endpoints as WireMock mappings over <see cref="ScimStore"/>, one per verb and shape (RFC 7644 §3.2:
/// the collection takes POST and GET, a resource GET, PUT, PATCH and DELETE), and any other verb a 405. The bearer
/// token has its own mapping above these (<see cref="Gateway.ScimTokenMatcher"/>); the fixed discovery endpoints
/// are static mappings (Mappings/*.json).
/// </summary>
internal sealed class ScimApi(ScimStore store)
{
    private const int Priority = 5;
    private const string Kinds = "(Users|Groups)";
    private static readonly string Collection = $"^{StubPaths.Base}/{Kinds}$";
    private static readonly string Resource = $"^{StubPaths.Base}/{Kinds}/[^/]+$";

    public void Register(WireMockServer server)
    {
        Map(server, "POST", Collection, (kind, _, request) =>
        {
            var created = store.Create(kind, ParseObject(request));
            var response = StubResponses.Scim(201, created);
            response.AddHeader("Location", created["meta"]!["location"]!.GetValue<string>());
            return response;
        });
        Map(server, "GET", Collection, (kind, _, request) => StubResponses.Scim(200, List(kind, request).ToJson()));
        Map(server, "GET", Resource, (kind, id, _) => StubResponses.Scim(200, store.Get(kind, id)));
        Map(server, "PUT", Resource, (kind, id, request) => StubResponses.Scim(200, store.Replace(kind, id, ParseObject(request))));
        Map(server, "PATCH", Resource, (kind, id, request) => StubResponses.Scim(200, store.Patch(kind, id, ParseObject(request))));
        Map(server, "DELETE", Resource, (kind, id, _) =>
        {
            store.Delete(kind, id);
            return StubResponses.Empty(204);
        });
        server
            .Given(Request.Create().WithPath(new RegexMatcher($"^{StubPaths.Base}/{Kinds}(/[^/]+)?$")).UsingAnyMethod())
            .AtPriority(Priority + 1)
            .RespondWith(Response.Create().WithCallback(request =>
                Error(new ScimException(405, null, $"{request.Method} is not supported on {request.Path}."))));
    }

    private static void Map(WireMockServer server, string method, string pattern, Func<ScimResourceKind, string, IRequestMessage, ResponseMessage> handler)
    {
        server
            .Given(Request.Create().WithPath(new RegexMatcher(pattern)).UsingMethod(method))
            .AtPriority(Priority)
            .RespondWith(Response.Create().WithCallback(request =>
            {
                // The mapping's pattern has already vouched for the shape: {base}/{kind}s[/{id}].
                var rest = request.Path[(StubPaths.Base.Length + 1)..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var kind = rest.StartsWith("Users", StringComparison.Ordinal) ? ScimResourceKind.User : ScimResourceKind.Group;
                try
                {
                    return handler(kind, slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..]), request);
                }
                catch (ScimException e)
                {
                    return Error(e);
                }
            }));
    }

    private static ResponseMessage Error(ScimException e) => StubResponses.Scim(e.Status, ScimErrors.Body(e.Status, e.ScimType, e.Message));

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
