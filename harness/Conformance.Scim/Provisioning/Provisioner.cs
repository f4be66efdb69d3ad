using System.Collections.Concurrent;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Core.Insights;
using Conformance.Scim.Mapping;
using Conformance.Scim.Transport;

namespace Conformance.Scim.Provisioning;

/// <summary>
/// Turns directory and catalogue changes into queued SCIM pushes for one application, and runs them. Work decides
/// what to send when it runs, from the directory as it is then, so a burst of changes to one user ends in the SP
/// holding the latest values. Every request attempted is logged to DI; nothing is logged for work skipped.
/// </summary>
internal sealed partial class Provisioner(
    string appId,
    JumpCloudDirectory directory,
    ApplicationCatalog catalog,
    InsightsLog insights,
    UserMapping mapping,
    PushQueue queue,
    Redactor redactor)
{
    internal const string DeactivatedMessage = "The IdM integration was deactivated before the request completed.";

    /// <summary>Directory user id → the SP's id for that user.</summary>
    private readonly ConcurrentDictionary<string, string> _scimUserIds = new(StringComparer.Ordinal);

    /// <summary>Users this integration has had in scope: a later removal from scope deprovisions them, deletion deletes them.</summary>
    private readonly ConcurrentDictionary<string, byte> _managed = new(StringComparer.Ordinal);

    /// <summary>Directory group id → what the SP holds for it.</summary>
    private readonly ConcurrentDictionary<string, GroupState> _groups = new(StringComparer.Ordinal);

    /// <summary>Activation: every user in scope is pushed, then every bound group.</summary>
    public void SyncAll(ActiveSession session)
    {
        var app = catalog.Find(appId);
        if (app is null)
        {
            return;
        }
        foreach (var group in app.BoundGroupIds.Select(directory.FindGroup).OfType<UserGroup>())
        {
            SyncGroupWithMembers(session, group);
        }
    }

    /// <summary>Settings changed while active (groups newly enabled): bring the bound groups over.</summary>
    public void SyncGroups(ActiveSession session)
    {
        var bound = catalog.Find(appId)?.BoundGroupIds ?? new HashSet<string>();
        foreach (var group in bound.Select(directory.FindGroup).OfType<UserGroup>())
        {
            QueueGroup(session, group.Id, directory.MembersOf(group.Id).Select(u => u.Id));
        }
    }

    public void OnDirectoryChanged(ActiveSession session, DirectoryChange change)
    {
        switch (change)
        {
            case DirectoryChange.UserUpdated(var before, var after) when _managed.ContainsKey(after.Id) || InScope(after.Id):
                QueueUser(session, after.Id, passwordChanged: !string.Equals(before.Password, after.Password, StringComparison.Ordinal));
                break;
            case DirectoryChange.UserDeleted(var user) when _managed.ContainsKey(user.Id):
                queue.Enqueue(UserKey(user.Id), [], () => DeleteUserAsync(session, user));
                break;
            case DirectoryChange.GroupRenamed(_, var after) when IsBound(after.Id):
                QueueGroup(session, after.Id, []);
                break;
            case DirectoryChange.GroupDeleted(var group, var formerMembers):
                foreach (var userId in formerMembers.Where(_managed.ContainsKey))
                {
                    QueueUser(session, userId, passwordChanged: false);
                }
                queue.Enqueue(GroupKey(group.Id), [], () => DeleteGroupAsync(session, group));
                break;
            case DirectoryChange.MemberAdded(var group, var user) when IsBound(group.Id):
                QueueUser(session, user.Id, passwordChanged: false);
                QueueGroup(session, group.Id, [user.Id]);
                break;
            case DirectoryChange.MemberRemoved(var group, var user) when IsBound(group.Id):
                QueueUser(session, user.Id, passwordChanged: false);
                QueueGroup(session, group.Id, []);
                break;
            default:
                break;
        }
    }

    public void OnCatalogChanged(ActiveSession session, ApplicationChange change)
    {
        switch (change)
        {
            case ApplicationChange.GroupBound(var app, var group) when app.Id == appId:
                // Guide: "Select the check box next to the desired group of users to which you want to give access."
                SyncGroupWithMembers(session, group);
                break;
            case ApplicationChange.GroupUnbound(var app, var group) when app.Id == appId:
                foreach (var member in directory.FindGroup(group.Id) is null ? [] : directory.MembersOf(group.Id))
                {
                    QueueUser(session, member.Id, passwordChanged: false);
                }
                queue.Enqueue(GroupKey(group.Id), [], () => DeleteGroupAsync(session, group));
                break;
            default:
                break;
        }
    }

    private void SyncGroupWithMembers(ActiveSession session, UserGroup group)
    {
        var members = directory.MembersOf(group.Id);
        foreach (var member in members)
        {
            QueueUser(session, member.Id, passwordChanged: false);
        }
        QueueGroup(session, group.Id, members.Select(u => u.Id));
    }

    private void QueueUser(ActiveSession session, string userId, bool passwordChanged) =>
        queue.Enqueue(UserKey(userId), [], () => SyncUserAsync(session, userId, passwordChanged));

    /// <summary>A group push waits for its members' pushes, so it knows their SP ids.</summary>
    private void QueueGroup(ActiveSession session, string groupId, IEnumerable<string> memberIds) =>
        queue.Enqueue(GroupKey(groupId), memberIds.Select(UserKey), () => SyncGroupAsync(session, groupId));

    private string UserKey(string userId) => $"{appId}/user/{userId}";

    private string GroupKey(string groupId) => $"{appId}/group/{groupId}";

    private bool IsBound(string groupId) => catalog.Find(appId)?.BoundGroupIds.Contains(groupId) == true;

    /// <summary>Guide: "Users are implicitly denied access to applications": only members of a bound group are in scope.</summary>
    private bool InScope(string userId)
    {
        var app = catalog.Find(appId);
        if (app is null || directory.FindUser(userId) is null)
        {
            return false;
        }
        try
        {
            // Asked for every user queued and again when its push runs: a loop, not a closure over the app per call.
            foreach (var group in directory.GroupsOf(userId))
            {
                if (app.BoundGroupIds.Contains(group.Id))
                {
                    return true;
                }
            }
            return false;
        }
        catch (KeyNotFoundException)
        {
            return false; // deleted while we looked
        }
    }

    private void Log(string eventType, bool success, InsightsResource resource, string? error = null)
    {
        var app = catalog.Find(appId);
        insights.Log(eventType, success, resource, new InsightsApplication(appId, app?.Name ?? appId, app?.DisplayLabel ?? appId), error);
    }

    /// <summary>
    /// One SCIM attempt logged as <paramref name="eventType"/>: on failure the SP's detail becomes error_message and
    /// the push stops (null). Nothing is attempted, and nothing logged, once the integration is deactivated.
    /// </summary>
    private async Task<Attempt<T>> AttemptAsync<T>(
        ActiveSession session,
        string eventType,
        InsightsResource resource,
        Func<ScimClient, CancellationToken, Task<T>> call,
        bool logSuccess = true)
    {
        if (session.Ended)
        {
            return Attempt<T>.Stopped;
        }
        try
        {
            var result = await call(session.Client, session.Token).ConfigureAwait(false);
            if (logSuccess)
            {
                Log(eventType, true, resource);
            }
            return new Attempt<T>(true, result);
        }
        catch (ScimRequestException ex)
        {
            Log(eventType, false, resource, ex.Message);
        }
        catch (OperationCanceledException) when (session.Ended)
        {
            Log(eventType, false, resource, DeactivatedMessage);
        }
        return Attempt<T>.Stopped;
    }

    private readonly record struct Attempt<T>(bool Ok, T Value)
    {
        public static Attempt<T> Stopped => new(false, default!);
    }

    private sealed record GroupState(string ScimId, string? DisplayName, HashSet<string> Members);

    private static InsightsResource UserResource(DirectoryUser user) => new("user", user.Id, Username: user.Username);

    private static InsightsResource GroupResource(UserGroup group) => new("group", group.Id, DisplayName: group.Name);

    private void Secret(string? value) => redactor.AddSecret(value);
}
