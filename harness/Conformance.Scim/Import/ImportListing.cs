namespace Conformance.Scim.Import;

/// <summary>The Manual Import list: every active SP user, read page by page, in the SP's order.</summary>
public sealed record ImportListing(IReadOnlyList<ImportCandidate> Users, int PagesRead)
{
    /// <summary>
    /// Guide: "Try using the New Users-only filter when selecting users to import. This will move all of your new
    /// users to the top of the list".
    /// </summary>
    public IReadOnlyList<ImportCandidate> NewUsersOnly => [.. Users.Where(u => u.Status == ImportStatus.New)];
}
