using System.Text.Json.Nodes;

namespace BlueJeans.Stub.Scim;

/// <summary>One page of a filtered list (RFC 7644 §3.4.2.4: startIndex is 1-based).</summary>
internal sealed record ScimListPage(int TotalResults, int StartIndex, IReadOnlyList<JsonObject> Resources)
{
    public const string Schema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    public JsonObject ToJson() => new()
    {
        ["schemas"] = new JsonArray(Schema),
        ["totalResults"] = TotalResults,
        ["startIndex"] = StartIndex,
        ["itemsPerPage"] = Resources.Count,
        [nameof(Resources)] = new JsonArray([.. Resources]),
    };
}
