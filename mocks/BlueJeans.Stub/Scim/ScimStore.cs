using System.Globalization;
using System.Text.Json.Nodes;

namespace BlueJeans.Stub.Scim;

/// <summary>
/// The SP's users and groups, held as SCIM JSON behind one lock, with the BlueJeans rules from the guide.
/// Every answer is a copy; nothing outside the lock sees a stored object.
/// </summary>
internal sealed class ScimStore(TimeProvider time, DefenceSet defences, string scimBaseUrl)
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <summary>SP-only attributes. From the guide: "The following attributes are not supported by JumpCloud: bjnUserName, timezone".</summary>
    public const string BlueJeansSchema = "urn:ietf:params:scim:schemas:extension:bluejeans:2.0:User";

    /// <summary>"Bluejeans does not allow userNames that exceed 30 characters."</summary>
    public const int MaxUserNameLength = 30;

    /// <summary>"A maximum of 250 user recoding can be transferred during de-provisioning."</summary>
    public const int MaxRecordingsOnDeprovision = 250;

    public const string DefaultTimezone = "UTC";
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 200;

    private static readonly string[] UserFilterAttributes = ["userName", "externalId", "displayName", "id"];
    private static readonly string[] GroupFilterAttributes = ["displayName", "externalId", "id"];

    private readonly Lock _gate = new();
    private readonly OrderedDictionary<string, JsonObject> _users = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, JsonObject> _groups = new(StringComparer.Ordinal);
    private readonly ScimIndex[] _userIndexes = [new("userName"), new("externalId")];
    private readonly ScimIndex[] _groupIndexes = [new("displayName")];
    private readonly Dictionary<string, string> _passwordHashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recordings = new(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> FilterAttributes(ScimResourceKind kind) =>
        kind == ScimResourceKind.User ? UserFilterAttributes : GroupFilterAttributes;

    public JsonObject Create(ScimResourceKind kind, JsonObject body)
    {
        lock (_gate)
        {
            var id = Guid.NewGuid().ToString("N");
            var stored = Prepare(kind, id, body, previous: null);
            Store(kind, id, stored);
            return (JsonObject)stored.DeepClone();
        }
    }

    public JsonObject Get(ScimResourceKind kind, string id)
    {
        lock (_gate)
        {
            return (JsonObject)Find(kind, id).DeepClone();
        }
    }

    public ScimListPage List(ScimResourceKind kind, ScimFilter? filter, int startIndex, int count)
    {
        startIndex = Math.Max(1, startIndex);
        count = Math.Clamp(count, 0, MaxPageSize);
        lock (_gate)
        {
            var matching = Matching(kind, filter);
            var page = matching.Skip(startIndex - 1).Take(count).Select(r => (JsonObject)r.DeepClone()).ToList();
            return new ScimListPage(matching.Count, startIndex, page);
        }
    }

    public JsonObject Replace(ScimResourceKind kind, string id, JsonObject body)
    {
        lock (_gate)
        {
            var stored = Prepare(kind, id, body, Find(kind, id));
            Store(kind, id, stored);
            return (JsonObject)stored.DeepClone();
        }
    }

    public JsonObject Patch(ScimResourceKind kind, string id, JsonNode? patch)
    {
        lock (_gate)
        {
            var previous = Find(kind, id);
            var candidate = (JsonObject)previous.DeepClone();
            ScimPatch.Apply(candidate, patch);
            var stored = Prepare(kind, id, candidate, previous);
            Store(kind, id, stored);
            return (JsonObject)stored.DeepClone();
        }
    }

    public void Delete(ScimResourceKind kind, string id)
    {
        lock (_gate)
        {
            var removed = Find(kind, id);
            Resources(kind).Remove(id);
            foreach (var index in Indexes(kind))
            {
                index.Remove(id, removed);
            }
            if (kind == ScimResourceKind.User)
            {
                _passwordHashes.Remove(id);
                _recordings.Remove(id);
                foreach (var group in _groups.Values)
                {
                    if (group["members"] is JsonArray members)
                    {
                        foreach (var member in members.OfType<JsonObject>().Where(m => ScimJson.GetString(m, "value") == id).ToList())
                        {
                            members.Remove(member);
                        }
                    }
                }
            }
        }
    }

    /// <summary>What the SP holds for a user, SP-side state included (the control API's view).</summary>
    public JsonObject? AdminView(string userName)
    {
        lock (_gate)
        {
            if (FindUserName(userName) is not { } user)
            {
                return null;
            }
            var view = (JsonObject)user.DeepClone();
            var id = user["id"]!.GetValue<string>();
            var spOnly = (JsonObject)view[BlueJeansSchema]!;
            spOnly["recordings"] = _recordings.GetValueOrDefault(id);
            spOnly["passwordSet"] = _passwordHashes.ContainsKey(id);
            return view;
        }
    }

    public bool SetRecordings(string userName, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            if (FindUserName(userName) is not { } user)
            {
                return false;
            }
            _recordings[user["id"]!.GetValue<string>()] = count;
            return true;
        }
    }

    public bool VerifyPassword(string userName, string password)
    {
        lock (_gate)
        {
            return FindUserName(userName) is { } user
                && _passwordHashes.TryGetValue(user["id"]!.GetValue<string>(), out var hash)
                && PasswordHasher.Verify(password, hash);
        }
    }

    /// <summary>
    /// The SSO side of "Enable automatic provisioning": the active user named <paramref name="userName"/>,
    /// created when unknown and <paramref name="autoProvision"/> is on. Null with the reason when sign-in must be refused.
    /// </summary>
    public (JsonObject? User, string? Refusal) UserForSignIn(string userName, string? email, bool autoProvision)
    {
        lock (_gate)
        {
            if (FindUserName(userName) is { } known)
            {
                return ScimJson.AsBool(known["active"]) == false
                    ? (null, $"User '{userName}' is deactivated in BlueJeans.")
                    : ((JsonObject)known.DeepClone(), null);
            }
            if (!autoProvision)
            {
                return (null, $"User '{userName}' does not exist in BlueJeans and automatic provisioning is off.");
            }
            var body = new JsonObject { ["userName"] = userName };
            if (email is not null)
            {
                body["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "work", ["primary"] = true });
            }
            try
            {
                var id = Guid.NewGuid().ToString("N");
                var created = Prepare(ScimResourceKind.User, id, body, previous: null);
                Store(ScimResourceKind.User, id, created);
                return ((JsonObject)created.DeepClone(), null);
            }
            catch (ScimException e)
            {
                return (null, e.Message);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _users.Clear();
            _groups.Clear();
            foreach (var index in _userIndexes.Concat(_groupIndexes))
            {
                index.Clear();
            }
            _passwordHashes.Clear();
            _recordings.Clear();
        }
    }

    private OrderedDictionary<string, JsonObject> Resources(ScimResourceKind kind) =>
        kind == ScimResourceKind.User ? _users : _groups;

    private ScimIndex[] Indexes(ScimResourceKind kind) =>
        kind == ScimResourceKind.User ? _userIndexes : _groupIndexes;

    private ScimIndex UserNames => _userIndexes[0];

    private ScimIndex GroupNames => _groupIndexes[0];

    /// <summary>Stores a new resource at the end, or a new state of one in its place, keeping the indexes in step.</summary>
    private void Store(ScimResourceKind kind, string id, JsonObject resource)
    {
        var resources = Resources(kind);
        var indexes = Indexes(kind);
        if (resources.TryGetValue(id, out var previous))
        {
            foreach (var index in indexes)
            {
                index.Remove(id, previous);
            }
        }
        resources[id] = resource;
        foreach (var index in indexes)
        {
            index.Add(id, resource);
        }
    }

    /// <summary>What a filter selects, in store order: through an index when the attribute has one.</summary>
    private List<JsonObject> Matching(ScimResourceKind kind, ScimFilter? filter)
    {
        var resources = Resources(kind);
        if (filter is null)
        {
            return [.. resources.Values];
        }
        return Indexes(kind).FirstOrDefault(i => i.Attribute == filter.Attribute) is { } index
            ? InStoreOrder(resources, index.Find(filter.Value))
            : [.. resources.Values.Where(filter.Matches)];
    }

    private static List<JsonObject> InStoreOrder(OrderedDictionary<string, JsonObject> resources, IReadOnlyList<string> ids) =>
        [.. ids.OrderBy(resources.IndexOf).Select(id => resources[id])];

    private JsonObject Find(ScimResourceKind kind, string id) =>
        Resources(kind).TryGetValue(id, out var resource)
            ? resource
            : throw ScimException.NotFound($"{kind} {id} not found.");

    private JsonObject? FindUserName(string userName) => InStoreOrder(_users, UserNames.Find(userName)).FirstOrDefault();

    /// <summary>Validates a new state of a resource and returns what to store; throws, leaving the store unchanged, when a rule refuses it.</summary>
    private JsonObject Prepare(ScimResourceKind kind, string id, JsonObject body, JsonObject? previous)
    {
        var candidate = (JsonObject)body.DeepClone();
        foreach (var managed in new[] { "id", "meta", "schemas", BlueJeansSchema })
        {
            ScimJson.Remove(candidate, managed);
        }
        return kind == ScimResourceKind.User
            ? PrepareUser(id, candidate, previous)
            : PrepareGroup(id, candidate, previous);
    }

    private JsonObject PrepareUser(string id, JsonObject candidate, JsonObject? previous)
    {
        var password = ScimJson.Get(candidate, "password") is JsonValue p && p.TryGetValue<string>(out var text) ? text : null;
        ScimJson.Remove(candidate, "password");

        var userName = ScimJson.GetString(candidate, "userName");
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw ScimException.InvalidValue("userName is required.");
        }
        if (userName.Length > MaxUserNameLength && defences.IsOn(StubDefences.UserNameLength))
        {
            throw ScimException.InvalidValue("Bluejeans does not allow userNames that exceed 30 characters.");
        }
        if (defences.IsOn(StubDefences.Uniqueness)
            && UserNames.Find(userName).Any(other => other != id))
        {
            throw new ScimException(409, "uniqueness", $"userName '{userName}' is already taken.");
        }

        var active = ScimJson.AsBool(ScimJson.Get(candidate, "active")) ?? true;
        var wasActive = previous is null || ScimJson.AsBool(previous["active"]) != false;
        var recordings = _recordings.GetValueOrDefault(id);
        if (wasActive && !active && recordings > MaxRecordingsOnDeprovision && defences.IsOn(StubDefences.RecordingsLimit))
        {
            throw new ScimException(400, null, string.Create(CultureInfo.InvariantCulture,
                $"User '{userName}' has {recordings} recordings. A maximum of 250 user recoding can be transferred during de-provisioning.If recordings are greater than 250, this process fails and leads to the failure of the de-provision request."));
        }
        ScimJson.Set(candidate, "active", active);

        if (password is not null)
        {
            _passwordHashes[id] = PasswordHasher.Hash(password);
        }
        var spOnly = previous?[BlueJeansSchema]?.DeepClone() ?? new JsonObject
        {
            ["bjnUserName"] = new string([.. userName.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')]),
            ["timezone"] = DefaultTimezone,
        };
        return Finish(ScimResourceKind.User, id, candidate, previous, [UserSchema, BlueJeansSchema], spOnly);
    }

    private JsonObject PrepareGroup(string id, JsonObject candidate, JsonObject? previous)
    {
        var displayName = ScimJson.GetString(candidate, "displayName");
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw ScimException.InvalidValue("displayName is required.");
        }
        if (defences.IsOn(StubDefences.Uniqueness)
            && GroupNames.Find(displayName).Any(other => other != id))
        {
            throw new ScimException(409, "uniqueness", $"A group named '{displayName}' already exists.");
        }
        var members = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in ScimJson.Get(candidate, "members") as JsonArray ?? [])
        {
            var userId = member is JsonObject m ? ScimJson.GetString(m, "value") : null;
            if (userId is null || !_users.TryGetValue(userId, out var user))
            {
                throw ScimException.InvalidValue($"Member '{userId}' is not a user of this SP.");
            }
            if (seen.Add(userId))
            {
                members.Add(new JsonObject
                {
                    ["value"] = userId,
                    ["display"] = ScimJson.GetString(user, "userName"),
                    ["type"] = "User",
                    ["$ref"] = $"{scimBaseUrl}/Users/{userId}",
                });
            }
        }
        ScimJson.Set(candidate, "members", members);
        return Finish(ScimResourceKind.Group, id, candidate, previous, [GroupSchema], spOnly: null);
    }

    private JsonObject Finish(ScimResourceKind kind, string id, JsonObject candidate, JsonObject? previous, string[] schemas, JsonNode? spOnly)
    {
        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var version = previous?["meta"]?["version"]?.GetValue<string>() is { } v && int.TryParse(v.Trim('W', '/', '"'), CultureInfo.InvariantCulture, out var n) ? n + 1 : 1;
        var stored = new JsonObject
        {
            ["schemas"] = new JsonArray([.. schemas.Select(s => JsonValue.Create(s))]),
            ["id"] = id,
        };
        foreach (var (name, value) in candidate.ToList())
        {
            candidate.Remove(name);
            if (value is not null)
            {
                stored[name] = value;
            }
        }
        if (spOnly is not null)
        {
            stored[BlueJeansSchema] = spOnly;
        }
        var resourceType = kind == ScimResourceKind.User ? "User" : "Group";
        stored["meta"] = new JsonObject
        {
            ["resourceType"] = resourceType,
            ["created"] = previous?["meta"]?["created"]?.DeepClone() ?? now,
            ["lastModified"] = now,
            ["location"] = $"{scimBaseUrl}/{resourceType}s/{id}",
            ["version"] = string.Create(CultureInfo.InvariantCulture, $"W/\"{version}\""),
        };
        return stored;
    }
}
