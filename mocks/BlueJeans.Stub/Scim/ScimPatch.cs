using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BlueJeans.Stub.Scim;

/// <summary>
/// RFC 7644 §3.5.2 PATCH on a resource held as JSON: add / replace / remove, with or without a path;
/// paths <c>attr</c>, <c>attr.sub</c>, <c>attr[sub eq "v"]</c>, <c>attr[sub eq "v"].sub</c>, optionally
/// prefixed by a schema URN. Repeated adds to a multi-valued attribute do not duplicate values.
/// </summary>
internal static partial class ScimPatch
{
    public const string Schema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static void Apply(JsonObject resource, JsonNode? body)
    {
        if (body is not JsonObject request || ScimJson.Get(request, "Operations") is not JsonArray operations)
        {
            throw ScimException.InvalidSyntax("A PatchOp body with an Operations array is required.");
        }
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || ScimJson.GetString(op, "op") is not { } name)
            {
                throw ScimException.InvalidSyntax("Each operation needs an op.");
            }
            var kind = name.ToLowerInvariant();
            if (kind is not ("add" or "replace" or "remove"))
            {
                throw ScimException.InvalidSyntax($"Unknown op '{name}'.");
            }
            ApplyOne(resource, kind, ScimJson.GetString(op, "path"), ScimJson.Get(op, "value"));
        }
    }

    private static void ApplyOne(JsonObject resource, string op, string? path, JsonNode? value)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            if (op == "remove")
            {
                throw new ScimException(400, "noTarget", "remove needs a path.");
            }
            if (value is not JsonObject attributes)
            {
                throw ScimException.InvalidSyntax("Without a path, value must be an object of attributes.");
            }
            foreach (var (name, attribute) in attributes.ToList())
            {
                Merge(resource, name, attribute, op);
            }
            return;
        }

        var target = PatchPath.Parse(path);
        var container = target.Urn is null ? resource : Child(resource, target.Urn, create: op != "remove");
        if (container is null)
        {
            return;
        }
        if (target.Filter is null)
        {
            var parent = target.Sub is null ? container : Child(container, target.Attribute, create: op != "remove");
            var name = target.Sub ?? target.Attribute;
            if (parent is null)
            {
                return;
            }
            if (op == "remove")
            {
                Remove(parent, name, value);
            }
            else
            {
                Merge(parent, name, value, op);
            }
            return;
        }

        var key = ScimJson.FindKey(container, target.Attribute);
        if (key is null || container[key] is not JsonArray array)
        {
            if (op == "remove")
            {
                return;
            }
            array = [];
            ScimJson.Set(container, target.Attribute, array);
        }
        var matches = array.OfType<JsonObject>().Where(target.Filter.Matches).ToList();
        if (op == "remove")
        {
            foreach (var match in matches)
            {
                if (target.Sub is null)
                {
                    array.Remove(match);
                }
                else
                {
                    ScimJson.Remove(match, target.Sub);
                }
            }
            return;
        }
        if (matches.Count == 0)
        {
            // Lenient like most SPs: replacing emails[type eq "work"].value on a user without one creates it.
            var created = new JsonObject { [target.Filter.Attribute] = target.Filter.Value.DeepClone() };
            array.Add(created);
            matches.Add(created);
        }
        foreach (var match in matches)
        {
            if (target.Sub is not null)
            {
                Merge(match, target.Sub, value, op);
            }
            else if (value is JsonObject fields)
            {
                foreach (var (name, field) in fields.ToList())
                {
                    Merge(match, name, field, op);
                }
            }
            else
            {
                throw ScimException.InvalidSyntax($"'{path}' selects complex values; value must be an object.");
            }
        }
    }

    private static void Merge(JsonObject target, string name, JsonNode? value, string op)
    {
        var key = ScimJson.FindKey(target, name);
        var existing = key is null ? null : target[key];
        if (op == "add" && existing is JsonArray values && value is not null)
        {
            foreach (var item in value is JsonArray items ? items.ToList() : [value])
            {
                if (!values.Any(v => JsonNode.DeepEquals(v, item)))
                {
                    values.Add(item?.DeepClone());
                }
            }
            return;
        }
        if (existing is JsonObject complex && value is JsonObject subAttributes)
        {
            // RFC 7644 §3.5.2.3: on a complex attribute only the given sub-attributes change.
            foreach (var (sub, subValue) in subAttributes.ToList())
            {
                ScimJson.Set(complex, sub, subValue?.DeepClone());
            }
            return;
        }
        ScimJson.Set(target, name, value?.DeepClone());
    }

    private static void Remove(JsonObject parent, string name, JsonNode? value)
    {
        // Some IdPs remove members as {"op":"remove","path":"members","value":[{"value":"id"}]}.
        if (value is JsonArray items && ScimJson.FindKey(parent, name) is { } key && parent[key] is JsonArray values)
        {
            var ids = items.OfType<JsonObject>().Select(i => ScimJson.GetString(i, "value")).Where(v => v is not null).ToHashSet(StringComparer.Ordinal);
            foreach (var item in values.OfType<JsonObject>().Where(v => ids.Contains(ScimJson.GetString(v, "value") ?? "")).ToList())
            {
                values.Remove(item);
            }
            return;
        }
        ScimJson.Remove(parent, name);
    }

    private static JsonObject? Child(JsonObject parent, string name, bool create)
    {
        if (ScimJson.FindKey(parent, name) is { } key && parent[key] is JsonObject child)
        {
            return child;
        }
        if (!create)
        {
            return null;
        }
        child = [];
        ScimJson.Set(parent, name, child);
        return child;
    }

    private sealed partial record PatchPath(string? Urn, string Attribute, ValueFilter? Filter, string? Sub)
    {
        public static PatchPath Parse(string path)
        {
            string? urn = null;
            var attributePath = path.Trim();
            if (attributePath.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                var bracket = attributePath.IndexOf('[', StringComparison.Ordinal);
                var colon = attributePath.LastIndexOf(':', bracket < 0 ? attributePath.Length - 1 : bracket);
                urn = attributePath[..colon];
                attributePath = attributePath[(colon + 1)..];
            }
            var match = PathPattern().Match(attributePath);
            if (!match.Success)
            {
                throw new ScimException(400, "invalidPath", $"Unsupported path '{path}'.");
            }
            var sub = match.Groups["sub"].Success ? match.Groups["sub"].Value : null;
            var filter = match.Groups["fattr"].Success
                ? new ValueFilter(match.Groups["fattr"].Value, Literal(match.Groups["fvalue"].Value))
                : null;
            if (filter is null && sub is null && match.Groups["attr"].Value.Contains('.', StringComparison.Ordinal))
            {
                var dot = match.Groups["attr"].Value.IndexOf('.', StringComparison.Ordinal);
                return new PatchPath(urn, match.Groups["attr"].Value[..dot], null, match.Groups["attr"].Value[(dot + 1)..]);
            }
            return new PatchPath(urn, match.Groups["attr"].Value, filter, sub);
        }

        private static JsonNode Literal(string text) =>
            text.StartsWith('"') ? JsonValue.Create(Regex.Unescape(text[1..^1])) : JsonNode.Parse(text.ToLowerInvariant())!;

        [GeneratedRegex("""^(?<attr>[A-Za-z$][\w$]*(?:\.[A-Za-z$][\w$]*)?)(?:\[\s*(?<fattr>[A-Za-z$][\w$]*)\s+eq\s+(?<fvalue>"(?:[^"\\]|\\.)*"|true|false|-?\d+(?:\.\d+)?)\s*\](?:\.(?<sub>[A-Za-z$][\w$]*))?)?$""", RegexOptions.IgnoreCase)]
        private static partial Regex PathPattern();
    }

    private sealed record ValueFilter(string Attribute, JsonNode Value)
    {
        public bool Matches(JsonObject item)
        {
            var actual = ScimJson.Get(item, Attribute);
            return Value is JsonValue expected && expected.TryGetValue<string>(out var text)
                ? actual is JsonValue v && v.TryGetValue<string>(out var s) && s.Equals(text, StringComparison.OrdinalIgnoreCase)
                : JsonNode.DeepEquals(actual, Value);
        }
    }
}
