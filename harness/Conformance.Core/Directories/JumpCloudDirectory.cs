namespace Conformance.Core.Directories;

/// <summary>
/// The organisation's users and user groups. Thread-safe; every change is published to
/// <see cref="Changed"/> after the state is updated, in the order it happened.
/// </summary>
public sealed class JumpCloudDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DirectoryUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _members = new(StringComparer.Ordinal);

    public event Action<DirectoryChange>? Changed;

    public IReadOnlyList<DirectoryUser> Users
    {
        get { lock (_gate) { return [.. _users.Values]; } }
    }

    public IReadOnlyList<UserGroup> Groups
    {
        get { lock (_gate) { return [.. _groups.Values]; } }
    }

    public DirectoryUser? FindUser(string idOrUsername)
    {
        lock (_gate)
        {
            if (_users.TryGetValue(idOrUsername, out var byId))
            {
                return byId;
            }
            return _users.Values.FirstOrDefault(u => string.Equals(u.Username, idOrUsername, StringComparison.OrdinalIgnoreCase));
        }
    }

    public UserGroup? FindGroup(string idOrName)
    {
        lock (_gate)
        {
            if (_groups.TryGetValue(idOrName, out var byId))
            {
                return byId;
            }
            return _groups.Values.FirstOrDefault(g => string.Equals(g.Name, idOrName, StringComparison.OrdinalIgnoreCase));
        }
    }

    public DirectoryUser GetUser(string idOrUsername) =>
        FindUser(idOrUsername) ?? throw new KeyNotFoundException($"No user '{idOrUsername}' in the directory.");

    public UserGroup GetGroup(string idOrName) =>
        FindGroup(idOrName) ?? throw new KeyNotFoundException($"No user group '{idOrName}' in the directory.");

    public void AddUser(DirectoryUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_gate)
        {
            if (!_users.TryAdd(user.Id, user))
            {
                throw new InvalidOperationException($"A user with id '{user.Id}' already exists.");
            }
        }
        Publish(new DirectoryChange.UserAdded(user));
    }

    public DirectoryUser UpdateUser(string idOrUsername, Func<DirectoryUser, DirectoryUser> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        DirectoryUser before, after;
        lock (_gate)
        {
            before = GetUser(idOrUsername);
            after = edit(before) with { Id = before.Id };
            _users[before.Id] = after;
        }
        Publish(new DirectoryChange.UserUpdated(before, after));
        return after;
    }

    public void DeleteUser(string idOrUsername)
    {
        DirectoryUser user;
        lock (_gate)
        {
            user = GetUser(idOrUsername);
            _users.Remove(user.Id);
            foreach (var set in _members.Values)
            {
                set.Remove(user.Id);
            }
        }
        Publish(new DirectoryChange.UserDeleted(user));
    }

    public UserGroup AddGroup(string id, string name)
    {
        var group = new UserGroup(id, name);
        lock (_gate)
        {
            if (_groups.Values.Any(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"A user group named '{name}' already exists.");
            }
            _groups.Add(id, group);
            _members[id] = new HashSet<string>(StringComparer.Ordinal);
        }
        Publish(new DirectoryChange.GroupAdded(group));
        return group;
    }

    public UserGroup RenameGroup(string idOrName, string newName)
    {
        UserGroup before, after;
        lock (_gate)
        {
            before = GetGroup(idOrName);
            after = before with { Name = newName };
            _groups[before.Id] = after;
        }
        Publish(new DirectoryChange.GroupRenamed(before, after));
        return after;
    }

    public void DeleteGroup(string idOrName)
    {
        UserGroup group;
        List<string> former;
        lock (_gate)
        {
            group = GetGroup(idOrName);
            former = [.. _members[group.Id]];
            _groups.Remove(group.Id);
            _members.Remove(group.Id);
        }
        Publish(new DirectoryChange.GroupDeleted(group, former));
    }

    /// <summary>Adds a member; adding someone already in the group changes nothing and publishes nothing.</summary>
    public bool AddMember(string groupIdOrName, string userIdOrUsername)
    {
        UserGroup group;
        DirectoryUser user;
        lock (_gate)
        {
            group = GetGroup(groupIdOrName);
            user = GetUser(userIdOrUsername);
            if (!_members[group.Id].Add(user.Id))
            {
                return false;
            }
        }
        Publish(new DirectoryChange.MemberAdded(group, user));
        return true;
    }

    public bool RemoveMember(string groupIdOrName, string userIdOrUsername)
    {
        UserGroup group;
        DirectoryUser user;
        lock (_gate)
        {
            group = GetGroup(groupIdOrName);
            user = GetUser(userIdOrUsername);
            if (!_members[group.Id].Remove(user.Id))
            {
                return false;
            }
        }
        Publish(new DirectoryChange.MemberRemoved(group, user));
        return true;
    }

    public IReadOnlyList<DirectoryUser> MembersOf(string groupIdOrName)
    {
        lock (_gate)
        {
            var group = GetGroup(groupIdOrName);
            return [.. _members[group.Id].Select(id => _users[id])];
        }
    }

    public IReadOnlyList<UserGroup> GroupsOf(string userIdOrUsername)
    {
        lock (_gate)
        {
            var user = GetUser(userIdOrUsername);
            return [.. _groups.Values.Where(g => _members[g.Id].Contains(user.Id))];
        }
    }

    /// <summary>An id no user has yet, for a user added by an administrator (the Admin Portal's Users page, <c>user.add</c>).</summary>
    public string NewUserId()
    {
        lock (_gate)
        {
            return FreeId(_users, n => $"u{n:D5}x");
        }
    }

    /// <summary>An id no user group has yet.</summary>
    public string NewGroupId()
    {
        lock (_gate)
        {
            return FreeId(_groups, n => $"g{n:D4}");
        }
    }

    // Counting from the size keeps ids short and the same run after run; skipping taken ones survives deletions.
    private static string FreeId<T>(Dictionary<string, T> taken, Func<int, string> format)
    {
        var n = taken.Count + 1;
        while (taken.ContainsKey(format(n)))
        {
            n++;
        }
        return format(n);
    }

    private void Publish(DirectoryChange change) => Changed?.Invoke(change);
}
