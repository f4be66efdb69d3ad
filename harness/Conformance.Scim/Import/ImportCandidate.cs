namespace Conformance.Scim.Import;

/// <summary>Guide: "Users in the list have two import statuses: New - user has not been imported; Imported - user has been imported and has an account in JumpCloud".</summary>
public enum ImportStatus
{
    New,
    Imported,
}

/// <summary>One active user of the SP, as the Manual Import list shows it.</summary>
public sealed record ImportCandidate
{
    public required string ScimId { get; init; }
    public required string UserName { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? Email { get; init; }
    public string? ExternalId { get; init; }
    public string? Title { get; init; }
    public string? WorkPhone { get; init; }
    public required ImportStatus Status { get; init; }
}
