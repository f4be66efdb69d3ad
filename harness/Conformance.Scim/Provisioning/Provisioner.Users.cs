using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Directories;
using Conformance.Core.Insights;
using Conformance.Scim.Mapping;
using Conformance.Scim.Transport;

namespace Conformance.Scim.Provisioning;

internal sealed partial class Provisioner
{
    /// <summary>Brings the SP's copy of one user to what the directory says now: create, update, or deprovision.</summary>
    private async Task SyncUserAsync(ActiveSession session, string userId, bool passwordChanged)
    {
        var user = directory.FindUser(userId);
        if (user is null || session.Ended)
        {
            return;
        }
        if (!InScope(user.Id))
        {
            // Removed from every bound group: deprovisioned, not deleted.
            if (_managed.ContainsKey(user.Id))
            {
                await DeprovisionAsync(session, user).ConfigureAwait(false);
            }
            return;
        }
        _managed.TryAdd(user.Id, 0);
        if (!user.Active)
        {
            await DeprovisionAsync(session, user).ConfigureAwait(false);
            return;
        }
        await UpsertAsync(session, user, passwordChanged).ConfigureAwait(false);
    }

    private async Task UpsertAsync(ActiveSession session, DirectoryUser user, bool passwordChanged)
    {
        var resource = UserResource(user);
        var found = await LookupAsync(session, user, resource).ConfigureAwait(false);
        if (!found.Ok)
        {
            return;
        }
        var settings = session.Client.Settings;
        // Guide: "Bluejeans supports password synchronization." The password travels on create and on change only.
        var password = settings.PasswordSync && user.Password.Length > 0 ? user.Password : null;
        Secret(password);
        if (found.Value is null)
        {
            var created = await AttemptAsync(session, InsightsEventTypes.UserCreateProvision, resource, (client, ct) =>
                client.ReadAsync(HttpMethod.Post, "/Users", mapping.ResourceUtf8(user, password), ScimId, ct)).ConfigureAwait(false);
            if (created.Ok)
            {
                _scimUserIds[user.Id] = created.Value;
            }
            return;
        }
        var scimId = ScimId(found.Value);
        _scimUserIds[user.Id] = scimId;
        var changes = mapping.Changes(user, found.Value);
        var newPassword = passwordChanged ? password : null;
        if (newPassword is not null)
        {
            changes.Add(new JsonObject { ["op"] = "replace", ["path"] = "password", ["value"] = newPassword });
        }
        if (changes.Count == 0)
        {
            return;
        }
        await UpdateAsync(session, InsightsEventTypes.UserUpdateProvision, resource, scimId, user, changes, newPassword).ConfigureAwait(false);
    }

    /// <summary>Design: "deprovision is active: false". A user the SP does not have, or holds inactive already, needs nothing.</summary>
    private async Task DeprovisionAsync(ActiveSession session, DirectoryUser user)
    {
        var resource = UserResource(user);
        var found = await LookupAsync(session, user, resource).ConfigureAwait(false);
        if (!found.Ok || found.Value is null || found.Value["active"] is JsonValue active && active.TryGetValue<bool>(out var isActive) && !isActive)
        {
            return;
        }
        var scimId = ScimId(found.Value);
        _scimUserIds[user.Id] = scimId;
        var operation = new JsonObject { ["op"] = "replace", ["path"] = "active", ["value"] = false };
        await UpdateAsync(session, InsightsEventTypes.UserDeprovision, resource, scimId, user with { Active = false }, [operation], null)
            .ConfigureAwait(false);
    }

    /// <summary>PATCH with the operations (RFC 7644 3.5.2), or in PUT mode the whole resource (3.5.1).</summary>
    private Task<Attempt<JsonObject?>> UpdateAsync(
        ActiveSession session, string eventType, InsightsResource resource, string scimId,
        DirectoryUser user, IEnumerable<JsonObject> operations, string? password) =>
        AttemptAsync(session, eventType, resource, async (client, ct) =>
        {
            var put = client.Settings.UpdateMode == UpdateMode.Put;
            JsonObject body;
            if (put)
            {
                body = mapping.Resource(user, password);
                body["id"] = scimId;
            }
            else
            {
                body = UserMapping.Patch(operations);
            }
            return await client.SendAsync(put ? HttpMethod.Put : HttpMethod.Patch, UserPath(scimId), body, ct).ConfigureAwait(false);
        });

    private async Task DeleteUserAsync(ActiveSession session, DirectoryUser user)
    {
        if (session.Ended || !_managed.TryRemove(user.Id, out _))
        {
            return;
        }
        var resource = UserResource(user);
        if (!_scimUserIds.TryGetValue(user.Id, out var scimId))
        {
            var found = await LookupAsync(session, user, resource).ConfigureAwait(false);
            if (!found.Ok || found.Value is null)
            {
                return;
            }
            scimId = ScimId(found.Value);
        }
        var deleted = await AttemptAsync(session, InsightsEventTypes.UserDeleteProvision, resource, (client, ct) =>
            client.SendAsync(HttpMethod.Delete, UserPath(scimId), null, ct)).ConfigureAwait(false);
        if (deleted.Ok)
        {
            _scimUserIds.TryRemove(user.Id, out _);
        }
    }

    /// <summary>
    /// Design: "Each create/update starts with a lookup (GET /Users?filter=userName eq "…")". When the userName
    /// changed in the directory the filter finds nothing, so the id the SP gave earlier is read instead. Guide:
    /// user_lookup_provision is "Logged when JumpCloud encounters an issue when trying to lookup a user", so only
    /// failures are logged.
    /// </summary>
    private Task<Attempt<JsonObject?>> LookupAsync(ActiveSession session, DirectoryUser user, InsightsResource resource) =>
        AttemptAsync<JsonObject?>(session, InsightsEventTypes.UserLookupProvision, resource, async (client, ct) =>
        {
            // RFC 7643 4.1.1: userName is caseExact false; an SP that ignores the filter still yields the right user.
            var found = await client.ReadAsync(HttpMethod.Get, "/Users" + ScimFilter.Equal("userName", user.Username), null,
                list => FirstResource(list, "userName", user.Username, StringComparison.OrdinalIgnoreCase), ct).ConfigureAwait(false);
            if (found is null && _scimUserIds.TryGetValue(user.Id, out var known))
            {
                try
                {
                    found = await client.SendAsync(HttpMethod.Get, UserPath(known), null, ct).ConfigureAwait(false);
                }
                catch (ScimRequestException ex) when (ex.Status == 404)
                {
                    _scimUserIds.TryRemove(user.Id, out _);
                }
            }
            if (found is not null)
            {
                ScimId(found);
            }
            return found;
        }, logSuccess: false);

    /// <summary>RFC 7644 3.4.2: a ListResponse's Resources (absent when totalResults is 0).</summary>
    internal static IEnumerable<JsonObject> Resources(JsonObject? list) =>
        (list?["Resources"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>
    /// The first resource of a ListResponse whose <paramref name="attribute"/> is <paramref name="value"/>, as a node of
    /// its own; the rest of the list is never turned into nodes.
    /// </summary>
    private static JsonObject? FirstResource(JsonElement? list, string attribute, string value, StringComparison comparison)
    {
        if (list is not { } answer || !answer.TryGetProperty("Resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var candidate in resources.EnumerateArray())
        {
            if (candidate.ValueKind == JsonValueKind.Object && string.Equals(UserMapping.Str(candidate, attribute), value, comparison))
            {
                return JsonObject.Create(candidate.Clone());
            }
        }
        return null;
    }

    private static string ScimId(JsonObject? resource) =>
        UserMapping.Str(resource?["id"]) ?? throw NoScimId();

    private static string ScimId(JsonElement? resource) =>
        (resource is { } answer ? UserMapping.Str(answer, "id") : null) ?? throw NoScimId();

    private static ScimRequestException NoScimId() => new("The SP's answer has no resource id (RFC 7643 3.1 requires one).");

    private static string UserPath(string scimId) => "/Users/" + Uri.EscapeDataString(scimId);
}
