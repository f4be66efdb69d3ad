namespace Conformance.Core.Directories;

/// <summary>
/// A JumpCloud system user with the properties the seed's mapping table names
/// (username, employeeIdentifier, active, firstname, lastname, email, jobTitle, work phone).
/// </summary>
public sealed record DirectoryUser
{
    public required string Id { get; init; }
    public required string Username { get; init; }
    public required string Email { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? EmployeeIdentifier { get; init; }
    public string? JobTitle { get; init; }
    public string? WorkPhone { get; init; }

    /// <summary>The JumpCloud login password; also what password sync pushes. Never written to a report.</summary>
    public string Password { get; init; } = "";

    /// <summary>False when the user is suspended in JumpCloud.</summary>
    public bool Active { get; init; } = true;

    /// <summary>
    /// Properties outside the mapping table (e.g. the SP-only bjnUserName or timezone a scenario
    /// sets to prove they are never sent), keyed by JumpCloud property name.
    /// </summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public string DisplayName => $"{FirstName} {LastName}".Trim();
}
