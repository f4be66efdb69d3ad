using System.Text.Json.Nodes;

namespace BlueJeans.Stub.Scim;

/// <summary>SCIM attribute names are case-insensitive (RFC 7643 §2.1); these helpers look them up that way.</summary>
internal static class ScimJson
{
    public static string? FindKey(JsonObject obj, string name) =>
        obj.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value at a dotted path (<c>name.givenName</c>), or null.</summary>
    public static JsonNode? Get(JsonObject obj, string dottedPath)
    {
        JsonNode? current = obj;
        foreach (var part in dottedPath.Split('.'))
        {
            if (current is not JsonObject o || FindKey(o, part) is not { } key)
            {
                return null;
            }
            current = o[key];
        }
        return current;
    }

    public static string? GetString(JsonObject obj, string dottedPath) =>
        Get(obj, dottedPath) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Sets <paramref name="name"/>, reusing the existing key's spelling.</summary>
    public static void Set(JsonObject obj, string name, JsonNode? value) => obj[FindKey(obj, name) ?? name] = value;

    public static bool Remove(JsonObject obj, string name) => FindKey(obj, name) is { } key && obj.Remove(key);

    /// <summary>SCIM booleans, tolerating the "True"/"False" strings some IdPs send.</summary>
    public static bool? AsBool(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
        _ => null,
    };
}
