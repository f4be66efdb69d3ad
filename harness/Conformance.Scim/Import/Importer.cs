using System.Text.Json.Nodes;
using Conformance.Core.Directories;
using Conformance.Scim.Mapping;
using Conformance.Scim.Provisioning;
using Conformance.Scim.Transport;

namespace Conformance.Scim.Import;

/// <summary>
/// Manual Import: "This functionality is helpful if users have already been created in the application but have not
/// been created in JumpCloud." Imported users join the directory in no group, so the engine leaves them alone:
/// "Imported users must be members of a user group bound to an application for JumpCloud to manage their identity".
/// </summary>
internal sealed class Importer(string appId, JumpCloudDirectory directory, ScimEngineOptions options)
{
    /// <summary>
    /// Reads every page of the SP's users. With a namespace the SP is asked for the run's users only
    /// (<c>userName sw</c>), so other runs creating and deleting users meanwhile cannot shift the pages (RFC 7644
    /// 3.4.2.4: paging is not session based); an SP without that filter (it is optional) is read whole.
    /// </summary>
    public async Task<ImportListing> ListAsync(ScimClient client, CancellationToken cancellationToken)
    {
        var prefix = options.ImportUserNamePrefix;
        if (prefix.Length > 0)
        {
            try
            {
                return await ReadPagesAsync(client, ScimFilter.AndStartsWith("userName", prefix), cancellationToken).ConfigureAwait(false) with { FilteredBySp = true };
            }
            catch (ScimRequestException refused) when (refused.Status is 400 or 501)
            {
                // invalidFilter: fall through to reading everything and keeping the run's users here.
            }
        }
        return await ReadPagesAsync(client, "", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ImportListing> ReadPagesAsync(ScimClient client, string filter, CancellationToken cancellationToken)
    {
        var users = new List<ImportCandidate>();
        var pages = 0;
        var outside = 0;
        // RFC 7644 3.4.2.4: startIndex is 1-based; the SP may return fewer than count per page.
        var startIndex = 1;
        while (true)
        {
            var page = await client.SendAsync(HttpMethod.Get, "/Users" + ScimFilter.Page(startIndex, options.ImportPageSize) + filter, null, cancellationToken)
                .ConfigureAwait(false);
            pages++;
            var resources = Provisioner.Resources(page).ToList();
            var inScope = resources.Where(r => (UserMapping.Str(r["userName"]) ?? "").StartsWith(options.ImportUserNamePrefix, StringComparison.OrdinalIgnoreCase)).ToList();
            outside += resources.Count - inScope.Count;
            // Guide: "Users that are suspended in the application will not be created in JumpCloud."
            users.AddRange(inScope.Where(r => r["active"] is not JsonValue a || !a.TryGetValue<bool>(out var active) || active).Select(Candidate));
            startIndex += resources.Count;
            var total = page?["totalResults"] is JsonValue t && t.TryGetValue<int>(out var n) ? n : 0;
            if (resources.Count == 0 || startIndex > total)
            {
                return new ImportListing(users, pages) { OutsideScope = outside };
            }
        }
    }

    /// <summary>Creates the selected New users in the directory; Imported ones are skipped.</summary>
    public ImportResult Import(IReadOnlyList<ImportCandidate> selected)
    {
        var created = new List<DirectoryUser>();
        var skipped = new List<ImportCandidate>();
        foreach (var candidate in selected)
        {
            if (IsInDirectory(candidate.UserName))
            {
                skipped.Add(candidate);
                continue;
            }
            var user = new DirectoryUser
            {
                Id = $"{appId}-{candidate.ScimId}",
                Username = candidate.UserName,
                Email = candidate.Email ?? "",
                FirstName = candidate.GivenName ?? "",
                LastName = candidate.FamilyName ?? "",
                EmployeeIdentifier = candidate.ExternalId,
                JobTitle = candidate.Title,
                WorkPhone = candidate.WorkPhone,
            };
            directory.AddUser(user);
            created.Add(user);
        }
        return new ImportResult(true, created, skipped, $"{created.Count} users imported, {skipped.Count} already in JumpCloud.");
    }

    private ImportCandidate Candidate(JsonObject resource) => new()
    {
        ScimId = UserMapping.Str(resource["id"]) ?? "",
        UserName = UserMapping.Str(resource["userName"]) ?? "",
        GivenName = UserMapping.Str(resource["name"]?["givenName"]),
        FamilyName = UserMapping.Str(resource["name"]?["familyName"]),
        Email = UserMapping.Str(UserMapping.Pick(resource["emails"])?["value"]),
        ExternalId = UserMapping.Str(resource["externalId"]),
        Title = UserMapping.Str(resource["title"]),
        WorkPhone = UserMapping.Str(UserMapping.Pick(resource["phoneNumbers"])?["value"]),
        Status = IsInDirectory(UserMapping.Str(resource["userName"]) ?? "") ? ImportStatus.Imported : ImportStatus.New,
    };

    private bool IsInDirectory(string userName) =>
        directory.Users.Any(u => string.Equals(u.Username, userName, StringComparison.OrdinalIgnoreCase));
}
