namespace Conformance.Scim.Import;

/// <summary>The Manual Import list: every active SP user, read page by page, in the SP's order.</summary>
public sealed record ImportListing(IReadOnlyList<ImportCandidate> Users, int PagesRead)
{
    /// <summary>Users the SP listed outside <see cref="ScimEngineOptions.ImportUserNamePrefix"/>: read, not offered.</summary>
    public int OutsideScope { get; init; }

    /// <summary>True when the SP itself filtered the listing to the run's users (<c>userName sw</c>).</summary>
    public bool FilteredBySp { get; init; }

    /// <summary>
    /// Guide: "Try using the New Users-only filter when selecting users to import. This will move all of your new
    /// users to the top of the list".
    /// </summary>
    public IReadOnlyList<ImportCandidate> NewUsersOnly => [.. Users.Where(u => u.Status == ImportStatus.New)];
}
