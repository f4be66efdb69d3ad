using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Conformance.Scim.Tests.Support;

/// <summary>
/// A small SCIM 2.0 service provider on Kestrel (RFC 7644 /Users and /Groups) with BlueJeans' limits and fault knobs,
/// so the engine's requests meet a real HTTP server. Knobs: <see cref="AddFault"/>, <see cref="UserNameMaxLength"/>,
/// <see cref="Recordings"/>, <see cref="RejectDuplicateMembers"/>, <see cref="Token"/>.
/// </summary>
internal sealed partial class ScimTestServer : IAsyncDisposable
{
    public const string InitialToken = "sp-token-6b1f0e9c2d";
    private const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    private readonly Lock _gate = new();
    private readonly WebApplication _app;
    private readonly Dictionary<string, JsonObject> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _groups = new(StringComparer.Ordinal);
    private readonly List<Fault> _faults = [];
    private readonly List<Received> _received = [];
    private int _nextId;
    private int _inFlight;

    private ScimTestServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The bearer token the SP accepts.</summary>
    public string Token { get; set; } = InitialToken;

    /// <summary>"Bluejeans does not allow userNames that exceed 30 characters."</summary>
    public int UserNameMaxLength { get; set; } = 30;

    /// <summary>Recordings per userName: "If recordings are greater than 250, this process fails".</summary>
    public Dictionary<string, int> Recordings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A strict SP that answers 400 to an add of a member the group already has.</summary>
    public bool RejectDuplicateMembers { get; set; }

    /// <summary>Passwords received, by userName (the SP keeps them; RFC 7643 4.1.1: password is never returned).</summary>
    public Dictionary<string, string> Passwords { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Completed when a hanging fault has a request waiting.</summary>
    public TaskCompletionSource Hanging { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxConcurrentRequests { get; private set; }

    public IReadOnlyList<Received> Requests
    {
        get { lock (_gate) { return [.. _received]; } }
    }

    public static async Task<ScimTestServer> StartAsync()
    {
        ScimTestServer? server = null;
        var (_, baseUrl) = await Loopback.StartAsync(app =>
        {
            server = new ScimTestServer(app);
            app.Run(server.HandleAsync);
        });
        server!.BaseUrl = new Uri(baseUrl + "/scim/v2");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// The next <paramref name="times"/> requests matching method and path prefix get this answer, hang, or have their
    /// connection dropped without an answer.
    /// </summary>
    public void AddFault(string method, string pathPrefix, int status, int times = int.MaxValue, string? detail = null,
        string? retryAfter = null, bool hang = false, bool drop = false)
    {
        lock (_gate)
        {
            _faults.Add(new Fault(method, pathPrefix, status, detail, retryAfter, hang, drop) { Remaining = times });
        }
    }

    public string SeedUser(JsonObject user) => Store(_users, user);

    public string SeedGroup(string displayName, params string[] memberIds) => Store(_groups, new JsonObject
    {
        ["displayName"] = displayName,
        ["members"] = new JsonArray([.. memberIds.Select(id => (JsonNode)new JsonObject { ["value"] = id })]),
    });

    /// <summary>A membership the SP gained on its own (another administrator, another IdP).</summary>
    public void SeedGroupMember(string groupId, string userId)
    {
        lock (_gate)
        {
            _groups[groupId]["members"]!.AsArray().Add(new JsonObject { ["value"] = userId });
        }
    }

    public JsonObject? User(string userName)
    {
        lock (_gate)
        {
            return _users.Values.FirstOrDefault(u => string.Equals((string?)u["userName"], userName, StringComparison.OrdinalIgnoreCase))?.DeepClone().AsObject();
        }
    }

    public JsonObject? Group(string displayName)
    {
        lock (_gate)
        {
            return _groups.Values.FirstOrDefault(g => (string?)g["displayName"] == displayName)?.DeepClone().AsObject();
        }
    }

    public int UserCount
    {
        get { lock (_gate) { return _users.Count; } }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        var path = request.Path.Value!["/scim/v2".Length..];
        Fault? fault;
        lock (_gate)
        {
            _received.Add(new Received(request.Method, path + request.QueryString.Value, body, request.Headers.Authorization.ToString()));
            MaxConcurrentRequests = Math.Max(MaxConcurrentRequests, ++_inFlight);
            fault = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Method == request.Method
                && (path + request.QueryString.Value).StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Remaining--;
            }
        }
        try
        {
            var (status, answer) = request.Headers.Authorization != $"Bearer {Token}"
                ? Error(401, null, "The access token is not valid.")
                : fault is not null ? await FaultAsync(context, fault)
                : Dispatch(request.Method, path.Split('/', StringSplitOptions.RemoveEmptyEntries), request.Query, body);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            context.Response.StatusCode = status;
            if (answer is not null)
            {
                context.Response.ContentType = "application/scim+json";
                await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
            }
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    private async Task<(int, JsonObject?)> FaultAsync(HttpContext context, Fault fault)
    {
        if (fault.Hang)
        {
            var hanging = Hanging;
            Hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return (0, null);
        }
        if (fault.Drop)
        {
            context.Abort();
            return (0, null);
        }
        if (fault.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = fault.RetryAfter;
        }
        return Error(fault.Status, null, fault.Detail ?? $"Injected {fault.Status}.");
    }

    private (int, JsonObject?) Dispatch(string method, string[] segments, IQueryCollection query, string body)
    {
        if (segments.Length is 0 or > 2 || segments[0] is not ("Users" or "Groups"))
        {
            return Error(404, null, "No such endpoint.");
        }
        var isUser = segments[0] == "Users";
        var store = isUser ? _users : _groups;
        lock (_gate)
        {
            if (segments.Length == 1)
            {
                return method switch
                {
                    "GET" => (200, List(store, query)),
                    "POST" => isUser ? CreateUser(JsonNode.Parse(body)!.AsObject()) : CreateGroup(JsonNode.Parse(body)!.AsObject()),
                    _ => Error(405, null, "Method not allowed."),
                };
            }
            if (!store.TryGetValue(segments[1], out var existing))
            {
                return Error(404, null, $"Resource {segments[1]} not found.");
            }
            switch (method)
            {
                case "GET":
                    return (200, existing.DeepClone().AsObject());
                case "DELETE":
                    store.Remove(segments[1]);
                    return (204, null);
                case "PUT":
                    var replacement = JsonNode.Parse(body)!.AsObject();
                    replacement["id"] = segments[1];
                    return Save(store, existing, replacement, isUser);
                case "PATCH":
                    var patched = existing.DeepClone().AsObject();
                    var error = Apply(patched, JsonNode.Parse(body)!["Operations"]!.AsArray(), isUser);
                    return error ?? Save(store, existing, patched, isUser);
                default:
                    return Error(405, null, "Method not allowed.");
            }
        }
    }

    private (int, JsonObject?) CreateUser(JsonObject user)
    {
        var userName = (string?)user["userName"] ?? "";
        if (Invalid(user) is { } invalid)
        {
            return invalid;
        }
        if (_users.Values.Any(u => string.Equals((string?)u["userName"], userName, StringComparison.OrdinalIgnoreCase)))
        {
            return Error(409, "uniqueness", $"userName {userName} is already taken.");
        }
        KeepPassword(user);
        var id = Store(_users, user);
        return (201, _users[id].DeepClone().AsObject());
    }

    private (int, JsonObject?) CreateGroup(JsonObject group)
    {
        if (_groups.Values.Any(g => (string?)g["displayName"] == (string?)group["displayName"]))
        {
            return Error(409, "uniqueness", $"A group named {group["displayName"]} exists.");
        }
        var id = Store(_groups, group);
        return (201, _groups[id].DeepClone().AsObject());
    }

    private (int, JsonObject?) Save(Dictionary<string, JsonObject> store, JsonObject before, JsonObject after, bool isUser)
    {
        if (isUser && Invalid(after) is { } invalid)
        {
            return invalid;
        }
        // BlueJeans: "A maximum of 250 user recoding can be transferred during de-provisioning."
        if (isUser && (bool?)before["active"] != false && (bool?)after["active"] == false
            && Recordings.TryGetValue((string?)before["userName"] ?? "", out var recordings) && recordings > 250)
        {
            return Error(400, "invalidValue", $"User has {recordings} recordings; at most 250 can be transferred during de-provisioning.");
        }
        if (isUser)
        {
            KeepPassword(after);
        }
        store[(string)after["id"]!] = after;
        return (200, after.DeepClone().AsObject());
    }

    private (int, JsonObject?)? Invalid(JsonObject user)
    {
        var userName = (string?)user["userName"] ?? "";
        if (userName.Length == 0 || userName.Length > UserNameMaxLength)
        {
            return Error(400, "invalidValue", $"userName must be 1 to {UserNameMaxLength} characters.");
        }
        return null;
    }

    private void KeepPassword(JsonObject user)
    {
        if (user["password"] is { } password)
        {
            Passwords[(string)user["userName"]!] = (string)password!;
            user.Remove("password");
        }
    }

    /// <summary>RFC 7644 3.5.2 add/replace/remove with simple paths, "a.b" sub-attributes and members[value eq "x"].</summary>
    private (int, JsonObject?)? Apply(JsonObject resource, JsonArray operations, bool isUser)
    {
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = ((string)operation["op"]!).ToLowerInvariant();
            var path = (string?)operation["path"];
            var value = operation["value"]?.DeepClone();
            var member = path is null ? null : MemberFilter().Match(path);
            if (member is { Success: true } && op == "remove")
            {
                var members = resource["members"]?.AsArray();
                members?.Where(m => (string?)m!["value"] == member.Groups[1].Value).ToList().ForEach(m => members.Remove(m));
            }
            else if (!isUser && path == "members" && op == "add")
            {
                var members = resource["members"] as JsonArray ?? [];
                resource["members"] = members;
                foreach (var added in value!.AsArray().ToList())
                {
                    if (members.Any(m => (string?)m!["value"] == (string?)added!["value"]))
                    {
                        if (RejectDuplicateMembers)
                        {
                            return Error(400, "invalidValue", $"{added!["value"]} is already a member.");
                        }
                        continue;
                    }
                    members.Add(added!.DeepClone());
                }
            }
            else if (path is null)
            {
                foreach (var (name, node) in value!.AsObject().ToList())
                {
                    resource[name] = node?.DeepClone();
                }
            }
            else
            {
                var names = path.Split('.');
                var parent = names.Length == 1 ? resource : (resource[names[0]] as JsonObject ?? (JsonObject)(resource[names[0]] = new JsonObject()));
                if (op == "remove")
                {
                    parent.Remove(names[^1]);
                }
                else
                {
                    parent[names[^1]] = value;
                }
            }
        }
        return null;
    }

    private static JsonObject List(Dictionary<string, JsonObject> store, IQueryCollection query)
    {
        IEnumerable<JsonObject> matches = store.Values;
        if (query["filter"].ToString() is { Length: > 0 } filter)
        {
            var match = EqualFilter().Match(filter);
            var wanted = Regex.Unescape(match.Groups[2].Value);
            matches = matches.Where(r => string.Equals((string?)r[match.Groups[1].Value], wanted,
                match.Groups[1].Value == "userName" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
        }
        var all = matches.ToList();
        var startIndex = Math.Max(1, int.Parse(query["startIndex"].FirstOrDefault() ?? "1", CultureInfo.InvariantCulture));
        var count = int.Parse(query["count"].FirstOrDefault() ?? "100", CultureInfo.InvariantCulture);
        var page = all.Skip(startIndex - 1).Take(count).ToList();
        return new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:ListResponse"),
            ["totalResults"] = all.Count,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = page.Count,
            ["Resources"] = new JsonArray([.. page.Select(r => r.DeepClone())]),
        };
    }

    private string Store(Dictionary<string, JsonObject> store, JsonObject resource)
    {
        lock (_gate)
        {
            var id = $"sp-{++_nextId:D4}";
            resource["id"] = id;
            resource["meta"] = new JsonObject { ["resourceType"] = store == _users ? "User" : "Group" };
            store[id] = resource;
            return id;
        }
    }

    private static (int, JsonObject?) Error(int status, string? scimType, string detail) => (status, new JsonObject
    {
        ["schemas"] = new JsonArray(ErrorSchema),
        ["status"] = status.ToString(CultureInfo.InvariantCulture),
        ["scimType"] = scimType,
        ["detail"] = detail,
    });

    [GeneratedRegex("""^(userName|displayName) eq "((?:[^"\\]|\\.)*)"$""")]
    private static partial Regex EqualFilter();

    [GeneratedRegex("""^members\[value eq "((?:[^"\\]|\\.)*)"\]$""")]
    private static partial Regex MemberFilter();

    private sealed record Fault(string Method, string PathPrefix, int Status, string? Detail, string? RetryAfter, bool Hang, bool Drop)
    {
        public int Remaining { get; set; }
    }

    /// <summary>A request as the SP saw it, token included (the SP must see it; the IdP's captures must not).</summary>
    public sealed record Received(string Method, string PathAndQuery, string Body, string Authorization);
}
