using Conformance.Browser;

namespace Conformance.Scenarios.Steps.Portal;

/// <summary>
/// The guide's Admin Portal paths, click by click, each returning why it could not go on (or null). The portal's own
/// answers (confirmations, refusals) are read by <see cref="PortalPage.SubmitAsync(string, string)"/>.
/// </summary>
internal static class PortalClicks
{
    private const string ApplicationRows = "#applications tbody tr";

    /// <summary>"Go to USER AUTHENTICATION > SSO Applications, then select the application".</summary>
    public static async Task<string?> OpenApplicationAsync(PortalPage page, string displayLabel)
    {
        await page.OpenAsync("/portal/applications", "portal-sso-applications").ConfigureAwait(false);
        return await page.OpenRowAsync(ApplicationRows, displayLabel, "portal-application").ConfigureAwait(false)
            ? null
            : $"The SSO Applications list shows no application '{displayLabel}'.";
    }

    /// <summary>
    /// "+ Add New Application" → search → select → Next → General Info → Advanced Settings → Save Application → Configure
    /// Application; a refused save stays on the form with the portal's reason, which is what the step then reports.
    /// </summary>
    public static async Task<string?> AddApplicationAsync(PortalPage page, NewApplication app)
    {
        await page.OpenAsync("/portal/applications/new", "portal-new-application").ConfigureAwait(false);
        await page.FillAsync("#catalogue-search", app.CatalogueName).ConfigureAwait(false);
        await page.SubmitAsync("#catalogue-search ~ button", "portal-catalogue-search").ConfigureAwait(false);
        if (!await page.OpenRowAsync("#catalogue li", app.CatalogueName, "portal-catalogue-selected").ConfigureAwait(false))
        {
            return $"The catalogue finds no '{app.CatalogueName}'.";
        }
        await page.SubmitAsync("#next", "portal-general-info").ConfigureAwait(false);
        await FillIfGivenAsync(page, "#display-label", app.DisplayLabel).ConfigureAwait(false);
        await FillIfGivenAsync(page, "#description", app.Description).ConfigureAwait(false);
        if (app.Color is { } color)
        {
            await page.ClickAsync("input[name=ImageKind][value=color]").ConfigureAwait(false);
            await page.FillAsync("#image-color", color).ConfigureAwait(false);
        }
        if (app.ShowInPortal is { } show)
        {
            await page.SetCheckedAsync("#show-in-portal", show).ConfigureAwait(false);
        }
        await FillIfGivenAsync(page, "#bookmark-url", app.BookmarkUrl).ConfigureAwait(false);
        if (app.SsoSuffix is { } suffix)
        {
            await page.ClickAsync("#advanced-settings summary").ConfigureAwait(false);
            await page.FillAsync("#sso-suffix", suffix).ConfigureAwait(false);
        }
        await page.SubmitAsync("#save-application", "portal-application-saved").ConfigureAwait(false);
        // "If successful, click: Configure Application and go to the next section".
        if (await page.HasAsync("#configure-application").ConfigureAwait(false))
        {
            await page.SubmitAsync("#configure-application", "portal-configure-application").ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>"Search for the application … Check the box … Click Delete. Enter the number … Click Delete Application."</summary>
    public static async Task<string?> DeleteApplicationAsync(PortalPage page, string displayLabel, string typedCount)
    {
        await page.OpenAsync("/portal/applications?search=" + Uri.EscapeDataString(displayLabel), "portal-search").ConfigureAwait(false);
        var box = $"{ApplicationRows} input[type=checkbox]{PortalPage.AttributeIs("aria-label", "select " + displayLabel)}";
        if (!await page.HasAsync(box).ConfigureAwait(false))
        {
            return $"The SSO Applications list shows no application '{displayLabel}'.";
        }
        await page.SetCheckedAsync(box, true).ConfigureAwait(false);
        await page.SubmitAsync("#delete", "portal-confirm").ConfigureAwait(false);
        await page.FillAsync("#confirm-count", typedCount).ConfigureAwait(false);
        await page.SubmitAsync("#delete-application", "portal-deleted").ConfigureAwait(false);
        return null;
    }

    /// <summary>"Select the User Groups tab … Select the check box next to the desired group … Click Save." (or uncheck it).</summary>
    public static async Task<string?> SetGroupAccessAsync(PortalPage page, string displayLabel, string group, bool access)
    {
        if (await OpenApplicationAsync(page, displayLabel).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        var box = "#user-groups-tab ~ form input" + PortalPage.AttributeIs("data-group", group);
        if (!await page.HasAsync(box).ConfigureAwait(false))
        {
            return $"The User Groups tab lists no group '{group}'.";
        }
        await page.SetCheckedAsync(box, access).ConfigureAwait(false);
        await page.SubmitAsync("#groups-save", "portal-groups-saved").ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// "Search for the application and click to open its configuration panel. Select the Identity Management tab. Click
    /// Manual Import. Select the users you want to create in JumpCloud … Click Import." With <paramref name="newOnly"/>,
    /// the New Users-only filter first; <paramref name="import"/> false only looks at the list.
    /// </summary>
    public static async Task<string?> ImportAsync(PortalPage page, string displayLabel, bool newOnly, bool import)
    {
        if (await OpenApplicationAsync(page, displayLabel).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        if (!await page.HasAsync("#manual-import").ConfigureAwait(false))
        {
            return $"The Identity Management tab of '{displayLabel}' offers no Manual Import (no token key entered).";
        }
        await page.SubmitAsync("#manual-import", "portal-manual-import").ConfigureAwait(false);
        if (newOnly)
        {
            await page.SubmitAsync("#new-only", "portal-import-new-only").ConfigureAwait(false);
        }
        if (import)
        {
            await page.CheckEveryAsync("#import-candidates input[type=checkbox]").ConfigureAwait(false);
            await page.SubmitAsync("#import", "portal-imported").ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>"Select BlueJeans from the Configured Applications list. Select the SSO tab. … Click save."</summary>
    public static async Task<string?> ConfigureSsoAsync(PortalPage page, string displayLabel, SsoTabFields fields)
    {
        if (await OpenApplicationAsync(page, displayLabel).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        await FillIfGivenAsync(page, "#sp-metadata", fields.SpMetadata).ConfigureAwait(false);
        await page.FillAsync("#sp-entity-id", fields.SpEntityId).ConfigureAwait(false);
        await page.FillAsync("#acs-url", fields.AcsUrl).ConfigureAwait(false);
        await page.FillAsync("#target-url", fields.TargetUrl ?? "").ConfigureAwait(false);
        await page.FillAsync("#name-id", fields.NameIdSource).ConfigureAwait(false);
        await page.FillAsync("#attributes", fields.Attributes).ConfigureAwait(false);
        await page.SelectAsync("#signing", fields.Signing).ConfigureAwait(false);
        await page.SubmitAsync("#sso-save", "portal-sso-saved").ConfigureAwait(false);
        return null;
    }

    /// <summary>"Select the SSO or Bookmark tab. … Click Deactivate SSO or Deactivate Bookmark. Click save."</summary>
    public static async Task<string?> DeactivateAsync(PortalPage page, string displayLabel, string tab)
    {
        if (await OpenApplicationAsync(page, displayLabel).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        if (!await page.HasAsync($"#{tab}-deactivate").ConfigureAwait(false))
        {
            return $"The {tab} tab of '{displayLabel}' offers no Deactivate (it is not active).";
        }
        await page.SubmitAsync($"#{tab}-deactivate", $"portal-{tab}-deactivate").ConfigureAwait(false);
        await page.SubmitAsync($"#{tab}-deactivate-save", $"portal-{tab}-deactivated").ConfigureAwait(false);
        return null;
    }

    /// <summary>"Select the Identity Management tab. Click Configure and enter the following: Token Key" → Save.</summary>
    public static async Task<string?> ConfigureIdmAsync(PortalPage page, string displayLabel, string baseUrl, string token, bool groups)
    {
        if (await OpenApplicationAsync(page, displayLabel).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        await page.FillAsync("#idm-base-url", baseUrl).ConfigureAwait(false);
        await page.FillAsync("#idm-token", token).ConfigureAwait(false);
        await page.SetCheckedAsync("#idm-groups", groups).ConfigureAwait(false);
        await page.SubmitAsync("#idm-save", "portal-idm-saved").ConfigureAwait(false);
        return null;
    }

    /// <summary>"Select the Identity Management tab. … Click Activate." with what the tab already holds.</summary>
    public static async Task<string?> ActivateIdmAsync(PortalPage page, string displayLabel)
    {
        if (await OpenApplicationAsync(page, displayLabel).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        if (!await page.HasAsync("#idm-activate").ConfigureAwait(false))
        {
            return $"The Identity Management tab of '{displayLabel}' offers no Activate (it is active already).";
        }
        await page.SubmitAsync("#idm-activate", "portal-idm-activated").ConfigureAwait(false);
        return null;
    }

    /// <summary>"click the Deactivate IdM connection link. Click confirm."</summary>
    public static async Task<string?> DeactivateIdmAsync(PortalPage page, string displayLabel)
    {
        if (await OpenApplicationAsync(page, displayLabel).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        if (!await page.HasAsync("#idm-deactivate").ConfigureAwait(false))
        {
            return $"The Identity Management tab of '{displayLabel}' offers no Deactivate IdM connection (it is not active).";
        }
        await page.SubmitAsync("#idm-deactivate", "portal-idm-deactivate").ConfigureAwait(false);
        await page.SubmitAsync("#idm-confirm", "portal-idm-deactivated").ConfigureAwait(false);
        return null;
    }

    /// <summary>"click Edit … Click Delete … Add Attribute … Select the dropdown in the SCIM Attribute column … Update … Save."</summary>
    public static async Task<string?> EditMappingAsync(PortalPage page, string displayLabel, IReadOnlyList<string> exclude, IReadOnlyList<string> include, bool restoreDefaults)
    {
        if (await OpenApplicationAsync(page, displayLabel).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        await page.SubmitAsync("#mapping-edit", "portal-mapping-edit").ConfigureAwait(false);
        foreach (var attribute in exclude)
        {
            var delete = "button" + PortalPage.AttributeIs("aria-label", "Delete " + attribute);
            if (!await page.HasAsync(delete).ConfigureAwait(false))
            {
                return $"The Optional Mappings table has no Delete for '{attribute}' (a required or absent row).";
            }
            await page.SubmitAsync(delete, "portal-mapping-deleted").ConfigureAwait(false);
        }
        foreach (var attribute in include)
        {
            if (!await page.HasAsync("#add-attribute option" + PortalPage.AttributeIs("value", attribute)).ConfigureAwait(false))
            {
                return $"Add Attribute offers no '{attribute}': only previously excluded attributes can be added.";
            }
            await page.SelectAsync("#add-attribute", attribute).ConfigureAwait(false);
            await page.SubmitAsync("#mapping-add", "portal-mapping-added").ConfigureAwait(false);
        }
        if (restoreDefaults)
        {
            await page.SubmitAsync("#mapping-restore", "portal-mapping-restored").ConfigureAwait(false);
        }
        await page.SubmitAsync("#mapping-update", "portal-mapping-updated").ConfigureAwait(false);
        await page.SubmitAsync("#mapping-save", "portal-mapping-saved").ConfigureAwait(false);
        return null;
    }

    /// <summary>Users → + Add User → Save User.</summary>
    public static async Task<string?> AddUserAsync(PortalPage page, NewUser user)
    {
        await page.OpenAsync("/portal/users", "portal-users").ConfigureAwait(false);
        await page.FillAsync("#new-username", user.Username).ConfigureAwait(false);
        await page.FillAsync("#new-email", user.Email).ConfigureAwait(false);
        await page.FillAsync("#new-first-name", user.FirstName).ConfigureAwait(false);
        await page.FillAsync("#new-last-name", user.LastName).ConfigureAwait(false);
        await FillIfGivenAsync(page, "#new-password", user.Password).ConfigureAwait(false);
        await page.SubmitAsync("#add-user", "portal-user-added").ConfigureAwait(false);
        return null;
    }

    /// <summary>Users → the user → edit what is given → Save User; then Suspend or Activate when asked.</summary>
    public static async Task<string?> UpdateUserAsync(PortalPage page, string username, IReadOnlyDictionary<string, string?> fields, bool? active)
    {
        if (await OpenUserAsync(page, username).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        if (fields.Values.Any(v => v is not null))
        {
            foreach (var (selector, value) in fields)
            {
                await FillIfGivenAsync(page, selector, value).ConfigureAwait(false);
            }
            await page.SubmitAsync("#user-save", "portal-user-saved").ConfigureAwait(false);
            if (page.LastAnswer is { Refused: true })
            {
                return null;
            }
        }
        var toggle = active switch { false => "#user-suspend", true => "#user-activate", null => null };
        if (toggle is not null && await page.HasAsync(toggle).ConfigureAwait(false))
        {
            await page.SubmitAsync(toggle, "portal-user-status").ConfigureAwait(false);
        }
        return null;
    }

    /// <summary>Users → the user → Delete User → confirm.</summary>
    public static async Task<string?> DeleteUserAsync(PortalPage page, string username)
    {
        if (await OpenUserAsync(page, username).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        await page.SubmitAsync("#user-delete", "portal-user-delete").ConfigureAwait(false);
        await page.SubmitAsync("#user-delete-confirm", "portal-user-deleted").ConfigureAwait(false);
        return null;
    }

    /// <summary>User Groups → + Add User Group → Save Group, then its Users: check the members → Save.</summary>
    public static async Task<string?> AddGroupAsync(PortalPage page, string name, IReadOnlyList<string> members)
    {
        await page.OpenAsync("/portal/groups", "portal-user-groups").ConfigureAwait(false);
        await page.FillAsync("#new-group-name", name).ConfigureAwait(false);
        await page.SubmitAsync("#add-group", "portal-group-added").ConfigureAwait(false);
        return members.Count == 0 || page.LastAnswer is { Refused: true } ? null : await SetMembersAsync(page, name, members, true).ConfigureAwait(false);
    }

    /// <summary>User Groups → the group → Users: check (or uncheck) each user → Save.</summary>
    public static async Task<string?> SetMembersAsync(PortalPage page, string group, IReadOnlyList<string> users, bool member)
    {
        if (await OpenGroupAsync(page, group).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        foreach (var user in users)
        {
            var box = "#group-users ~ form input" + PortalPage.AttributeIs("data-user", user);
            if (!await page.HasAsync(box).ConfigureAwait(false))
            {
                return $"The group's Users list has no '{user}'.";
            }
            await page.SetCheckedAsync(box, member).ConfigureAwait(false);
        }
        await page.SubmitAsync("#members-save", "portal-members-saved").ConfigureAwait(false);
        return null;
    }

    /// <summary>User Groups → the group → Group Name → Save.</summary>
    public static async Task<string?> RenameGroupAsync(PortalPage page, string group, string newName)
    {
        if (await OpenGroupAsync(page, group).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        await page.FillAsync("#group-name", newName).ConfigureAwait(false);
        await page.SubmitAsync("#group-save", "portal-group-renamed").ConfigureAwait(false);
        return null;
    }

    /// <summary>User Groups → the group → Delete Group → confirm.</summary>
    public static async Task<string?> DeleteGroupAsync(PortalPage page, string group)
    {
        if (await OpenGroupAsync(page, group).ConfigureAwait(false) is { } missing)
        {
            return missing;
        }
        await page.SubmitAsync("#group-delete", "portal-group-delete").ConfigureAwait(false);
        await page.SubmitAsync("#group-delete-confirm", "portal-group-deleted").ConfigureAwait(false);
        return null;
    }

    private static async Task<string?> OpenUserAsync(PortalPage page, string username)
    {
        await page.OpenAsync("/portal/users?search=" + Uri.EscapeDataString(username), "portal-users").ConfigureAwait(false);
        return await page.OpenRowAsync("#users tbody tr" + PortalPage.AttributeIs("data-user", username), username, "portal-user").ConfigureAwait(false)
            ? null
            : $"The Users list shows no user '{username}'.";
    }

    private static async Task<string?> OpenGroupAsync(PortalPage page, string group)
    {
        await page.OpenAsync("/portal/groups", "portal-user-groups").ConfigureAwait(false);
        return await page.OpenRowAsync("#groups tbody tr" + PortalPage.AttributeIs("data-group", group), group, "portal-group").ConfigureAwait(false)
            ? null
            : $"The User Groups list shows no group '{group}'.";
    }

    private static Task FillIfGivenAsync(PortalPage page, string selector, string? value) =>
        value is null ? Task.CompletedTask : page.FillAsync(selector, value);
}

/// <summary>What "+ Add New Application" is given: the catalogue entry and the General Info.</summary>
internal sealed record NewApplication(string CatalogueName)
{
    public string? DisplayLabel { get; init; }
    public string? Description { get; init; }
    public string? Color { get; init; }
    public bool? ShowInPortal { get; init; }
    public string? BookmarkUrl { get; init; }
    public string? SsoSuffix { get; init; }
}

/// <summary>What the SSO tab is given; <see cref="SpMetadata"/>, when there, is pasted and wins over the typed fields.</summary>
internal sealed record SsoTabFields(string? SpMetadata, string SpEntityId, string AcsUrl, string? TargetUrl, string NameIdSource, string Attributes, string Signing);

/// <summary>What "+ Add User" is given.</summary>
internal sealed record NewUser(string Username, string Email, string FirstName, string LastName, string? Password);
