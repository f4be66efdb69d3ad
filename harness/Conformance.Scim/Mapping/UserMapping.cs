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
        new(new("username", "Username", "userName", Required: true), u => u.Username, Text, r => Str(r["userName"])),
        new(new("employeeIdentifier", "Employee ID", "externalId", Required: false), u => u.EmployeeIdentifier, Text, r => Str(r["externalId"])),
        // active is always sent; an SP that omits it in its answers is taken to hold the RFC 7643 4.1.1 default of an active user.
        new(new("active", "Status", "active", Required: true), u => u.Active ? "true" : "false",
            v => JsonValue.Create(bool.Parse(v)), r => r["active"] is JsonValue a && a.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : "true"),
        new(new("firstname", "First Name", "name.givenName", Required: false), u => u.FirstName, Text, r => Str(r["name"]?["givenName"])),
        new(new("lastname", "Last Name", "name.familyName", Required: false), u => u.LastName, Text, r => Str(r["name"]?["familyName"])),
        // "Company Email | emails: value": sent as the primary work address (RFC 7643 4.1.2 multi-valued emails).
        new(new("email", "Company Email", "emails", Required: false), u => u.Email,
            v => new JsonArray(new JsonObject { ["value"] = v, ["type"] = "work", ["primary"] = true }), r => Str(Pick(r["emails"])?["value"])),
        // The guide's table says "jobTitle | Job Title | jobTitle"; the SCIM core User attribute for it is title (RFC 7643 4.1.1).
        new(new("jobTitle", "Job Title", "title", Required: false), u => u.JobTitle, Text, r => Str(r["title"])),
        new(new("phoneNumbers.value", "Work Phone", "phoneNumbers", Required: false), u => u.WorkPhone,
            v => new JsonArray(new JsonObject { ["value"] = v, ["type"] = "work" }), r => Str(Pick(r["phoneNumbers"])?["value"])),
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
                Set(resource, row.Mapping.ScimAttribute, row.Shape(value));
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
                : new JsonObject { ["op"] = "replace", ["path"] = row.Mapping.ScimAttribute, ["value"] = row.Shape(wanted) });
        }
        return operations;
    }

    public static JsonObject Patch(IEnumerable<JsonObject> operations) => new()
    {
        ["schemas"] = new JsonArray(PatchSchema),
        ["Operations"] = new JsonArray([.. operations]),
    };

    public static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static JsonValue Text(string value) => JsonValue.Create(value);

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

    private sealed record Row(
        AttributeMapping Mapping,
        Func<DirectoryUser, string?> Value,
        Func<string, JsonNode> Shape,
        Func<JsonObject, string?> Read);
}
