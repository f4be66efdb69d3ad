namespace Conformance.Core.Directories;

/// <summary>What an administrator changed; the SCIM engine turns these into pushes.</summary>
public abstract record DirectoryChange
{
    private DirectoryChange() { }

    public sealed record UserAdded(DirectoryUser User) : DirectoryChange;
    public sealed record UserUpdated(DirectoryUser Before, DirectoryUser After) : DirectoryChange;
    public sealed record UserDeleted(DirectoryUser User) : DirectoryChange;
    public sealed record GroupAdded(UserGroup Group) : DirectoryChange;
    public sealed record GroupRenamed(UserGroup Before, UserGroup After) : DirectoryChange;
    public sealed record GroupDeleted(UserGroup Group, IReadOnlyList<string> FormerMemberIds) : DirectoryChange;
    public sealed record MemberAdded(UserGroup Group, DirectoryUser User) : DirectoryChange;
    public sealed record MemberRemoved(UserGroup Group, DirectoryUser User) : DirectoryChange;
}
