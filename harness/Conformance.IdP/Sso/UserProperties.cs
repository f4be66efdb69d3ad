using Conformance.Core.Directories;

namespace Conformance.IdP.Sso;

/// <summary>JumpCloud user properties by the names the SSO tab and the seed's mapping table use.</summary>
internal static class UserProperties
{
    private static readonly Dictionary<string, Func<DirectoryUser, string?>> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = u => u.Id,
        ["username"] = u => u.Username,
        ["email"] = u => u.Email,
        ["firstname"] = u => u.FirstName,
        ["lastname"] = u => u.LastName,
        ["displayname"] = u => u.DisplayName,
        ["employeeIdentifier"] = u => u.EmployeeIdentifier,
        ["jobTitle"] = u => u.JobTitle,
        ["phoneNumbers.value"] = u => u.WorkPhone,
        ["workPhone"] = u => u.WorkPhone,
    };

    public static IEnumerable<string> Names => Known.Keys;

    /// <summary>The value, or null when the user has none; unknown names are looked up in the user's extra properties.</summary>
    public static string? Get(DirectoryUser user, string name)
    {
        var value = Known.TryGetValue(name, out var read) ? read(user) : user.Extra.GetValueOrDefault(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
