namespace Conformance.Scenarios.Model;

/// <summary>
/// The users a scenario starts with: <see cref="Count"/> Bogus users from <see cref="Seed"/> and
/// <see cref="Locale"/>, then the named edge cases, then explicit users.
/// </summary>
public sealed record TestDataSpec
{
    /// <summary>Null: the run's seed (--seed) decides.</summary>
    public int? Seed { get; init; }

    public string Locale { get; init; } = "en";
    public int Count { get; init; }
    public IReadOnlyList<string> EdgeCases { get; init; } = [];
    public IReadOnlyList<UserSpec> Users { get; init; } = [];
    public IReadOnlyList<GroupSpec> Groups { get; init; } = [];
}

/// <summary>An explicit user; unset fields come from the generator.</summary>
public sealed record UserSpec
{
    public string? Username { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? EmployeeIdentifier { get; init; }
    public string? JobTitle { get; init; }
    public string? WorkPhone { get; init; }
    public string? Password { get; init; }
    public bool? Active { get; init; }
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}

/// <summary>A user group with members named by username, or <c>"*"</c> for every user of the scenario.</summary>
public sealed record GroupSpec
{
    public required string Name { get; init; }
    public IReadOnlyList<string> Members { get; init; } = [];
}
