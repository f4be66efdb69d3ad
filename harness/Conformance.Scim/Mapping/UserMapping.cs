using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Directories;

namespace Conformance.Scim.Mapping;

/// <summary>
/// The export attribute mapping of one integration: the default rows, which optional ones are excluded, and the
/// SCIM bodies built from them. Properties outside the table (DirectoryUser.Extra) are never read, so the attributes
/// the guide marks unsupported ("The following attributes are not supported by JumpCloud: bjnUserName, timezone")
/// cannot reach a request.
/// </summary>
internal sealed class UserMapping
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string PatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static readonly IReadOnlyList<Row> Defaults =
    [
        new(new("username", "Username", "userName", Required: true), u => u.Username, Shape.Text, r => Str(r["userName"])),
        new(new("employeeIdentifier", "Employee ID", "externalId", Required: false), u => u.EmployeeIdentifier, Shape.Text, r => Str(r["externalId"])),
        // active is always sent; an SP that omits it in its answers is taken to hold the RFC 7643 4.1.1 default of an active user.
        new(new("active", "Status", "active", Required: true), u => u.Active ? "true" : "false",
            Shape.Boolean, r => r["active"] is JsonValue a && a.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : "true"),
        new(new("firstname", "First Name", "name.givenName", Required: false), u => u.FirstName, Shape.Text, r => Str(r["name"]?["givenName"])),
        new(new("lastname", "Last Name", "name.familyName", Required: false), u => u.LastName, Shape.Text, r => Str(r["name"]?["familyName"])),
        // "Company Email | emails: value": sent as the primary work address (RFC 7643 4.1.2 multi-valued emails).
        new(new("email", "Company Email", "emails", Required: false), u => u.Email, Shape.PrimaryWorkEntry, r => Str(Pick(r["emails"])?["value"])),
        // The guide's table says "jobTitle | Job Title | jobTitle"; the SCIM core User attribute for it is title (RFC 7643 4.1.1).
        new(new("jobTitle", "Job Title", "title", Required: false), u => u.JobTitle, Shape.Text, r => Str(r["title"])),
        new(new("phoneNumbers.value", "Work Phone", "phoneNumbers", Required: false), u => u.WorkPhone, Shape.WorkEntry, r => Str(Pick(r["phoneNumbers"])?["value"])),
    ];

    private readonly Lock _gate = new();
    private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);

    /// <summary>Every row of the table, in its order, whether sent or not.</summary>
    public static IReadOnlyList<AttributeMapping> All { get; } = [.. Defaults.Select(r => r.Mapping)];

    public IReadOnlyList<AttributeMapping> Included
    {
        get { lock (_gate) { return [.. Defaults.Where(r => !_excluded.Contains(r.Mapping.ScimAttribute)).Select(r => r.Mapping)]; } }
    }

    public IReadOnlyList<AttributeMapping> Excluded
    {
        get { lock (_gate) { return [.. Defaults.Where(r => _excluded.Contains(r.Mapping.ScimAttribute)).Select(r => r.Mapping)]; } }
    }

    /// <summary>Guide: "admins can selectively exclude specific optional attributes, preventing their transmission".</summary>
    public IdmOutcome Exclude(string scimAttribute)
    {
        var row = Find(scimAttribute);
        if (row is null)
        {
            return IdmOutcome.Refused($"'{scimAttribute}' is not in the export attribute mapping.");
        }
        if (row.Mapping.Required)
        {
            return IdmOutcome.Refused($"'{row.Mapping.ScimAttribute}' is a required mapping and cannot be removed.");
        }
        lock (_gate)
        {
            return _excluded.Add(row.Mapping.ScimAttribute)
                ? IdmOutcome.Ok($"'{row.Mapping.ScimAttribute}' is no longer sent.")
                : IdmOutcome.Refused($"'{row.Mapping.ScimAttribute}' is already excluded.");
        }
    }

    /// <summary>
    /// Guide: "You can only include any previously excluded attributes. You cannot add any additional custom
    /// attributes at this time."
    /// </summary>
    public IdmOutcome Include(string scimAttribute)
    {
        var row = Find(scimAttribute);
        lock (_gate)
        {
            if (row is null || !_excluded.Remove(row.Mapping.ScimAttribute))
            {
                return IdmOutcome.Refused(
                    $"'{scimAttribute}' cannot be added: you can only include previously excluded attributes; "
                    + "you cannot add any additional custom attributes.");
            }
        }
        return IdmOutcome.Ok($"'{row.Mapping.ScimAttribute}' is sent again.");
    }

    /// <summary>Guide: "To restore the default Optional Mappings, click Edit > Restore Defaults > Update > Save."</summary>
    public IdmOutcome Restore()
    {
        lock (_gate)
        {
            _excluded.Clear();
        }
        return IdmOutcome.Ok("The default optional mappings are restored.");
    }

    /// <summary>The full resource for POST (RFC 7644 3.3) or PUT (3.5.1): every included row that has a value.</summary>
    public JsonObject Resource(DirectoryUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var resource = new JsonObject { ["schemas"] = new JsonArray(UserSchema) };
        foreach (var row in Rows())
        {
            if (row.Value(user) is { Length: > 0 } value)
            {
                Set(resource, row.Mapping.ScimAttribute, Node(row.Shape, value));
            }
        }
        if (!string.IsNullOrEmpty(password))
        {
            resource["password"] = password;
        }
        return resource;
    }

    /// <summary>
    /// RFC 7644 3.5.2 operations that bring <paramref name="current"/> (the SP's copy) to the directory's values:
    /// one <c>replace</c> per changed attribute, <c>remove</c> when the directory no longer has a value.
    /// </summary>
    public List<JsonObject> Changes(DirectoryUser user, JsonObject current)
    {
        ArgumentNullException.ThrowIfNull(user);
        var operations = new List<JsonObject>();
        foreach (var row in Rows())
        {
            var wanted = row.Value(user) is { Length: > 0 } v ? v : null;
            if (string.Equals(wanted, row.Read(current), StringComparison.Ordinal))
            {
                continue;
            }
            operations.Add(wanted is null
                ? new JsonObject { ["op"] = "remove", ["path"] = row.Mapping.ScimAttribute }
                : new JsonObject { ["op"] = "replace", ["path"] = row.Mapping.ScimAttribute, ["value"] = Node(row.Shape, wanted) });
        }
        return operations;
    }

    /// <summary>
    /// <see cref="Resource"/> as the bytes its JSON text would be, written straight from the user: the body of every
    /// create, built without a document model only to print it. Rows sharing a parent (name.*) are consecutive in the
    /// table, so one open object holds them, in the order the document model would.
    /// </summary>
    public byte[] ResourceUtf8(DirectoryUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("schemas");
            writer.WriteStringValue(UserSchema);
            writer.WriteEndArray();
            string? parent = null;
            foreach (var row in Rows())
            {
                if (row.Value(user) is not { Length: > 0 } value)
                {
                    continue;
                }
                if (parent is not null && !string.Equals(parent, row.Parent, StringComparison.Ordinal))
                {
                    writer.WriteEndObject();
                    parent = null;
                }
                if (row.Parent is not null && parent is null)
                {
                    writer.WriteStartObject(row.Parent);
                    parent = row.Parent;
                }
                writer.WritePropertyName(row.Leaf);
                Write(writer, row.Shape, value);
            }
            if (parent is not null)
            {
                writer.WriteEndObject();
            }
            if (!string.IsNullOrEmpty(password))
            {
                writer.WriteString("password", password);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static JsonObject Patch(IEnumerable<JsonObject> operations) => new()
    {
        ["schemas"] = new JsonArray(PatchSchema),
        ["Operations"] = new JsonArray([.. operations]),
    };

    public static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>As <see cref="Str(JsonNode?)"/> for the member <paramref name="name"/> of a parsed object.</summary>
    public static string? Str(JsonElement resource, string name) =>
        resource.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String && member.GetString() is { Length: > 0 } text ? text : null;

    private static JsonNode Node(Shape shape, string value) => shape switch
    {
        Shape.Boolean => JsonValue.Create(bool.Parse(value)),
        Shape.PrimaryWorkEntry => new JsonArray(new JsonObject { ["value"] = value, ["type"] = "work", ["primary"] = true }),
        Shape.WorkEntry => new JsonArray(new JsonObject { ["value"] = value, ["type"] = "work" }),
        _ => JsonValue.Create(value),
    };

    /// <summary>What <see cref="Node"/> of the value would write.</summary>
    private static void Write(Utf8JsonWriter writer, Shape shape, string value)
    {
        switch (shape)
        {
            case Shape.Boolean:
                writer.WriteBooleanValue(bool.Parse(value));
                break;
            case Shape.PrimaryWorkEntry or Shape.WorkEntry:
                writer.WriteStartArray();
                writer.WriteStartObject();
                writer.WriteString("value", value);
                writer.WriteString("type", "work");
                if (shape == Shape.PrimaryWorkEntry)
                {
                    writer.WriteBoolean("primary", true);
                }
                writer.WriteEndObject();
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value);
                break;
        }
    }

    /// <summary>The entry JumpCloud owns in a multi-valued attribute: the primary one, else the work one, else the first.</summary>
    public static JsonNode? Pick(JsonNode? values)
    {
        if (values is not JsonArray array || array.Count == 0)
        {
            return null;
        }
        return array.FirstOrDefault(e => e?["primary"] is JsonValue p && p.TryGetValue<bool>(out var primary) && primary)
            ?? array.FirstOrDefault(e => string.Equals(Str(e?["type"]), "work", StringComparison.OrdinalIgnoreCase))
            ?? array[0];
    }

    private static void Set(JsonObject resource, string path, JsonNode value)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            resource[path] = value;
            return;
        }
        var parent = path[..dot];
        if (resource[parent] is not JsonObject complex)
        {
            complex = [];
            resource[parent] = complex;
        }
        complex[path[(dot + 1)..]] = value;
    }

    private static Row? Find(string scimAttribute) =>
        Defaults.FirstOrDefault(r => string.Equals(r.Mapping.ScimAttribute, scimAttribute, StringComparison.OrdinalIgnoreCase)
            || string.Equals(r.Mapping.JumpCloudProperty, scimAttribute, StringComparison.OrdinalIgnoreCase));

    private Row[] Rows()
    {
        lock (_gate)
        {
            return [.. Defaults.Where(r => !_excluded.Contains(r.Mapping.ScimAttribute))];
        }
    }

    /// <summary>How a row's value is sent: a string, a boolean, or a one-entry multi-valued attribute (RFC 7643 2.4).</summary>
    private enum Shape
    {
        Text,
        Boolean,
        PrimaryWorkEntry,
        WorkEntry,
    }

    private sealed record Row(
        AttributeMapping Mapping,
        Func<DirectoryUser, string?> Value,
        Shape Shape,
        Func<JsonObject, string?> Read)
    {
        /// <summary>The complex attribute a sub-attribute row is in (name, for name.givenName); null for a top-level one.</summary>
        public string? Parent { get; } = Mapping.ScimAttribute.Split('.') is [var parent, _] ? parent : null;

        /// <summary>The row's own name inside <see cref="Parent"/>, or the attribute itself.</summary>
        public string Leaf { get; } = Mapping.ScimAttribute[(Mapping.ScimAttribute.IndexOf('.', StringComparison.Ordinal) + 1)..];
    }
}
