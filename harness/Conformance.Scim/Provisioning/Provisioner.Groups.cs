using System.Text.Json.Nodes;
using Conformance.Core.Directories;
using Conformance.Core.Insights;
using Conformance.Scim.Mapping;
using Conformance.Scim.Transport;

namespace Conformance.Scim.Provisioning;

internal sealed partial class Provisioner
{
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <summary>
    /// Brings the SP's group to the directory's name and members (those the SP knows): takeover of a group with the
    /// same displayName, create when it has members, else one PATCH for the rename and membership changes.
    /// </summary>
    private async Task SyncGroupAsync(ActiveSession session, string groupId)
    {
        var group = directory.FindGroup(groupId);
        if (group is null || session.Ended || !session.Client.Settings.GroupsEnabled || !IsBound(groupId))
        {
            return;
        }
        var resource = GroupResource(group);
        var wanted = directory.MembersOf(group.Id)
            .Select(u => _scimUserIds.GetValueOrDefault(u.Id)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!_groups.TryGetValue(group.Id, out var state))
        {
            // Design: "a group whose displayName already exists in the app is taken over". A failed lookup stops the
            // create it was deciding, so it is logged as that create.
            var found = await AttemptAsync(session, InsightsEventTypes.GroupCreateProvision, resource, (client, ct) =>
                client.ReadAsync(HttpMethod.Get, "/Groups" + ScimFilter.Equal("displayName", group.Name), null,
                    list => FirstResource(list, "displayName", group.Name, StringComparison.Ordinal), ct),
                logSuccess: false).ConfigureAwait(false);
            if (!found.Ok)
            {
                return;
            }
            if (found.Value is null)
            {
                await CreateGroupAsync(session, group, resource, wanted).ConfigureAwait(false);
                return;
            }
            state = new GroupState(ScimId(found.Value), UserMapping.Str(found.Value["displayName"]), Members(found.Value));
            _groups[group.Id] = state;
        }
        await UpdateGroupAsync(session, group, resource, state, wanted).ConfigureAwait(false);
    }

    /// <summary>Design: "empty groups are not created".</summary>
    private async Task CreateGroupAsync(ActiveSession session, UserGroup group, InsightsResource resource, HashSet<string> members)
    {
        if (members.Count == 0)
        {
            return;
        }
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(GroupSchema),
            ["displayName"] = group.Name,
            ["members"] = MemberValues(members),
        };
        var created = await AttemptAsync(session, InsightsEventTypes.GroupCreateProvision, resource, async (client, ct) =>
            ScimId(await client.SendAsync(HttpMethod.Post, "/Groups", body, ct).ConfigureAwait(false))).ConfigureAwait(false);
        if (created.Ok)
        {
            _groups[group.Id] = new GroupState(created.Value, group.Name, members);
        }
    }

    /// <summary>
    /// Design: "group member adds must tolerate repeats": members the SP already has are not sent again, and an SP
    /// that refuses an add because it holds the member already has reached the wanted state, which is a success.
    /// Removals only concern users this integration pushed; other members of a taken-over group stay.
    /// </summary>
    private async Task UpdateGroupAsync(ActiveSession session, UserGroup group, InsightsResource resource, GroupState state, HashSet<string> wanted)
    {
        var ours = _scimUserIds.Values.ToHashSet(StringComparer.Ordinal);
        var adds = wanted.Where(id => !state.Members.Contains(id)).ToList();
        var removes = state.Members.Where(id => ours.Contains(id) && !wanted.Contains(id)).ToList();
        var rename = !string.Equals(state.DisplayName, group.Name, StringComparison.Ordinal);
        var after = state with
        {
            DisplayName = group.Name,
            Members = state.Members.Where(ours.Contains).Concat(adds).Except(removes).ToHashSet(StringComparer.Ordinal),
        };
        if (!rename && adds.Count == 0 && removes.Count == 0)
        {
            _groups[group.Id] = after;
            return;
        }
        var updated = await AttemptAsync(session, InsightsEventTypes.GroupUpdateProvision, resource, async (client, ct) =>
        {
            var path = "/Groups/" + Uri.EscapeDataString(state.ScimId);
            if (client.Settings.UpdateMode == UpdateMode.Put)
            {
                var body = new JsonObject
                {
                    ["schemas"] = new JsonArray(GroupSchema),
                    ["id"] = state.ScimId,
                    ["displayName"] = group.Name,
                    ["members"] = MemberValues(after.Members),
                };
                return await client.SendAsync(HttpMethod.Put, path, body, ct).ConfigureAwait(false);
            }
            var operations = new List<JsonObject>();
            if (rename)
            {
                operations.Add(new JsonObject { ["op"] = "replace", ["path"] = "displayName", ["value"] = group.Name });
            }
            if (adds.Count > 0)
            {
                operations.Add(new JsonObject { ["op"] = "add", ["path"] = "members", ["value"] = MemberValues(adds) });
            }
            // RFC 7644 3.5.2.2: a value filter in the path removes one member.
            operations.AddRange(removes.Select(id => new JsonObject
            {
                ["op"] = "remove",
                ["path"] = $"members[value eq {ScimFilter.Quote(id)}]",
            }));
            try
            {
                return await client.SendAsync(HttpMethod.Patch, path, UserMapping.Patch(operations), ct).ConfigureAwait(false);
            }
            catch (ScimRequestException ex) when (adds.Count > 0 && ex.Status is 400 or 409)
            {
                var current = await client.SendAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
                var held = Members(current);
                if (!adds.All(held.Contains) || removes.Any(held.Contains)
                    || !string.Equals(UserMapping.Str(current?["displayName"]), group.Name, StringComparison.Ordinal))
                {
                    throw;
                }
                return current;
            }
        }).ConfigureAwait(false);
        if (updated.Ok)
        {
            _groups[group.Id] = after;
        }
    }

    private async Task DeleteGroupAsync(ActiveSession session, UserGroup group)
    {
        if (session.Ended || !session.Client.Settings.GroupsEnabled || !_groups.TryRemove(group.Id, out var state))
        {
            return;
        }
        await AttemptAsync(session, InsightsEventTypes.GroupDeleteProvision, GroupResource(group), (client, ct) =>
            client.SendAsync(HttpMethod.Delete, "/Groups/" + Uri.EscapeDataString(state.ScimId), null, ct)).ConfigureAwait(false);
    }

    private static JsonArray MemberValues(IEnumerable<string> scimIds) =>
        new([.. scimIds.Order(StringComparer.Ordinal).Select(id => (JsonNode)new JsonObject { ["value"] = id })]);

    private static HashSet<string> Members(JsonObject? group) =>
        (group?["members"] as JsonArray ?? []).Select(m => UserMapping.Str(m?["value"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
