using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace BlueJeans.Stub.Http;

/// <summary>Builds the WireMock answers of the callbacks.</summary>
internal static class StubResponses
{
    public const string ScimContentType = "application/scim+json; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string HtmlContentType = "text/html; charset=utf-8";

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static ResponseMessage Text(int status, string body, string contentType)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
            BodyData = new BodyData
            {
                BodyAsString = body,
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            },
        };
        message.AddHeader("Content-Type", contentType);
        return message;
    }

    public static ResponseMessage Json<T>(int status, T value) =>
        Text(status, JsonSerializer.Serialize(value, JsonOptions), JsonContentType);

    public static ResponseMessage Scim(int status, JsonNode node) =>
        Text(status, node.ToJsonString(), ScimContentType);

    public static ResponseMessage Html(int status, string title, string bodyHtml) =>
        Text(status, $"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head>\n<body>\n{bodyHtml}\n</body></html>\n", HtmlContentType);

    public static ResponseMessage Empty(int status) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
    };

    public static ResponseMessage Redirect(string location)
    {
        var message = Empty(302);
        message.AddHeader("Location", location);
        return message;
    }

    /// <summary>A control-API error: <c>{"error": "…"}</c>.</summary>
    public static ResponseMessage ControlError(int status, string error) => Json(status, new { error });

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");
}
