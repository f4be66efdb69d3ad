using System.Text.Json.Nodes;

namespace BlueJeans.Stub.Scim;

/// <summary>
/// Resource ids by the value of one attribute, compared case-insensitively as filters and uniqueness checks compare
/// them (RFC 7643 4.1.1: userName is caseExact false). Several ids per value, because the stub can store duplicates
/// while its uniqueness defence is off. Lets a lookup or a create's uniqueness check skip the scan of every resource.
/// </summary>
internal sealed class ScimIndex(string attribute)
{
    private readonly Dictionary<string, List<string>> _ids = new(StringComparer.OrdinalIgnoreCase);

    public string Attribute => attribute;

    /// <summary>The ids holding <paramref name="value"/>, in no particular order.</summary>
    public IReadOnlyList<string> Find(string value) => _ids.TryGetValue(value, out var ids) ? ids : [];

    public void Add(string id, JsonObject resource)
    {
        if (ScimJson.GetString(resource, attribute) is not { } value)
        {
            return;
        }
        if (!_ids.TryGetValue(value, out var ids))
        {
            _ids[value] = ids = [];
        }
        ids.Add(id);
    }

    public void Remove(string id, JsonObject resource)
    {
        if (ScimJson.GetString(resource, attribute) is { } value && _ids.TryGetValue(value, out var ids) && ids.Remove(id) && ids.Count == 0)
        {
            _ids.Remove(value);
        }
    }

    public void Clear() => _ids.Clear();
}
