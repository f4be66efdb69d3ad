using System.Globalization;
using System.Text.Json.Nodes;

namespace BlueJeans.Stub.Scim;

/// <summary>RFC 7644 §3.12 Error bodies: <c>status</c> is a string, <c>scimType</c> only when it applies.</summary>
internal static class ScimErrors
{
    public const string Schema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static JsonObject Body(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(Schema),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }
        body["detail"] = detail;
        return body;
    }
}

/// <summary>A SCIM request the SP refuses; the callback turns it into an Error body.</summary>
internal sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimException InvalidValue(string detail) => new(400, "invalidValue", detail);
    public static ScimException InvalidSyntax(string detail) => new(400, "invalidSyntax", detail);
    public static ScimException NotFound(string detail) => new(404, null, detail);
}
