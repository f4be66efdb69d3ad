using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Conformance.Bench.Scim;

/// <summary>
/// The least a SCIM 2.0 SP must keep for a push (RFC 7644 3.4.2 userName eq lookup, 3.3 create), whatever serves it:
/// bare Kestrel (<see cref="MinimalScimEndpoint"/>) or one WireMock.Net callback (<see cref="BareWireMockEndpoint"/>).
/// </summary>
internal sealed class MinimalScimUsers
{
    public const string UsersPath = "/scim/v2/Users";
    private const string FilterStart = "userName eq \"";

    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.OrdinalIgnoreCase);
    private int _nextId;

    public void Clear() => _users.Clear();

    /// <summary>The ListResponse for a <c>filter</c> query value.</summary>
    public string Lookup(string filter)
    {
        var userName = filter.StartsWith(FilterStart, StringComparison.Ordinal) ? filter[FilterStart.Length..^1] : "";
        var found = _users.TryGetValue(userName, out var stored) ? stored : null;
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":"
            + (found is null ? "0,\"Resources\":[]}" : "1,\"Resources\":[" + found + "]}");
    }

    /// <summary>201 and the stored user, or 409 when the userName is taken.</summary>
    public (int Status, string? Json) Create(JsonObject user)
    {
        user["id"] = "u-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var json = user.ToJsonString();
        return _users.TryAdd((string)user["userName"]!, json) ? (201, json) : (409, null);
    }
}
