using System.ComponentModel;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Portal;
using Conformance.Scenarios.Targets;
using Conformance.Scim;
using Conformance.Scim.Import;

namespace Conformance.Scenarios.Steps.Idm;

public sealed record IdmConfigureInput
{
    public required string App { get; init; }

    [Description("Defaults to the target's scim.baseUrl.")]
    public string? BaseUrl { get; init; }

    [Description("'Token Key - paste the API Token'; defaults to the target's scim.token.")]
    public string? Token { get; init; }

    [Description("Defaults to the target's scim.groups.")]
    public bool? Groups { get; init; }

    [Description("Defaults to the target's scim.passwordSync.")]
    public bool? PasswordSync { get; init; }

    public UpdateMode UpdateMode { get; init; } = UpdateMode.Patch;

    [Description("api (default) or portal: a person types Base URL and Token Key into the Identity Management tab and clicks Save (password sync and update mode keep what the tab does not show).")]
    public AdminDoor Via { get; init; }
}

/// <summary>"Select the Identity Management tab. Click Configure and enter the following: Token Key".</summary>
public sealed class IdmConfigure : StepAction<IdmConfigureInput>
{
    public override string Name => "idm.configure";
    public override IReadOnlyList<string> Needs => [Capability.Scim];
    public override string Description => "Fills the application's Identity Management tab (SCIM base URL, token key, groups, password sync).";

    protected override async Task ExecuteAsync(IdmConfigureInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var scim = context.Target.Scim;
        var token = input.Token ?? scim?.Token ?? throw new InvalidOperationException("no token: the target has no scim section");
        context.Redactor.AddSecret(token);
        if (input.Via == AdminDoor.Portal)
        {
            var baseUrl = input.BaseUrl ?? scim?.BaseUrl ?? throw new InvalidOperationException("no SCIM base URL: the target has no scim section");
            await PortalDoor.WalkAsync(context, "portal-idm-configure", page =>
                PortalClicks.ConfigureIdmAsync(page, context.Applications.Get(input.App).DisplayLabel, baseUrl, token, input.Groups ?? scim?.Groups ?? false)).ConfigureAwait(false);
            return;
        }
        var outcome = await Idm.For(context, input.App).ConfigureAsync(new IdmSettings
        {
            BaseUrl = new Uri(input.BaseUrl ?? scim?.BaseUrl ?? throw new InvalidOperationException("no SCIM base URL: the target has no scim section")),
            Token = token,
            GroupsEnabled = input.Groups ?? scim?.Groups ?? false,
            PasswordSync = input.PasswordSync ?? scim?.PasswordSync ?? false,
            UpdateMode = input.UpdateMode,
        }, cancellationToken).ConfigureAwait(false);
        Idm.Record(context, outcome);
    }
}

public sealed record IdmAppInput
{
    public required string App { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

/// <summary>"Click Activate. You will receive a confirmation that the Identity Management integration has been successfully verified."</summary>
public sealed class IdmActivate : StepAction<IdmAppInput>
{
    public override string Name => "idm.activate";
    public override string Description => "Activates the IdM integration: verifies the token against the SP, then provisions the bound groups' users.";

    protected override async Task ExecuteAsync(IdmAppInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            await PortalDoor.WalkAsync(context, "portal-idm-activate", page => PortalClicks.ActivateIdmAsync(page, context.Applications.Get(input.App).DisplayLabel)).ConfigureAwait(false);
            return;
        }
        Idm.Record(context, await Idm.For(context, input.App).ActivateAsync(cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>"Under the company name and logo on the left hand panel, click the Deactivate IdM connection link."</summary>
public sealed class IdmDeactivate : StepAction<IdmAppInput>
{
    public override string Name => "idm.deactivate";
    public override string Description => "Deactivates the IdM connection: pushes stop, SP state is left as it is.";

    protected override Task ExecuteAsync(IdmAppInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-idm-deactivate", page => PortalClicks.DeactivateIdmAsync(page, context.Applications.Get(input.App).DisplayLabel));
        }
        Idm.Record(context, Idm.For(context, input.App).Deactivate());
        return Task.CompletedTask;
    }
}

public sealed record IdmMappingInput
{
    public required string App { get; init; }

    [Description("Optional SCIM attributes to delete from the Optional Mappings table.")]
    public IReadOnlyList<string> Exclude { get; init; } = [];

    [Description("Previously excluded attributes to add back (Add Attribute).")]
    public IReadOnlyList<string> Include { get; init; } = [];

    [Description("Edit > Restore Defaults > Update > Save.")]
    public bool RestoreDefaults { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium (Edit … Update, Save).")]
    public AdminDoor Via { get; init; }
}

/// <summary>"In the Export Attribute Mapping section, click Edit. The Optional Mappings table will open."</summary>
public sealed class IdmMapping : StepAction<IdmMappingInput>
{
    public override string Name => "idm.mapping";
    public override string Description => "Excludes, re-includes or restores the optional attribute mappings; a refusal is recorded for the checks.";

    protected override Task ExecuteAsync(IdmMappingInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-idm-mapping", page =>
                PortalClicks.EditMappingAsync(page, context.Applications.Get(input.App).DisplayLabel, input.Exclude, input.Include, input.RestoreDefaults));
        }
        var integration = Idm.For(context, input.App);
        IdmOutcome[] outcomes =
        [
            .. input.Exclude.Select(integration.ExcludeMapping),
            .. input.Include.Select(integration.IncludeMapping),
            .. input.RestoreDefaults ? [integration.RestoreDefaultMappings()] : Array.Empty<IdmOutcome>(),
        ];
        Idm.Record(context, outcomes);
        return Task.CompletedTask;
    }
}

public enum ImportSelection
{
    All,
    NewOnly,
    None,
}

public sealed record IdmImportInput
{
    public required string App { get; init; }

    [Description("Which listed users to import: all, new-only (the New Users-only filter), or none (only list).")]
    public ImportSelection Select { get; init; } = ImportSelection.NewOnly;

    [Description("api (default) or portal: a person clicks Manual Import, the filter and Import in chromium; the page's text (browser.result pageText) is the evidence, import.result is not set.")]
    public AdminDoor Via { get; init; }
}

/// <summary>"Click Manual Import. Select the users you want to create in JumpCloud … Click Import."</summary>
public sealed class IdmImport : StepAction<IdmImportInput>
{
    public override string Name => "idm.import";
    public override string Description => "Lists the SP's users page by page and imports the selected ones (New or Imported status).";

    protected override async Task ExecuteAsync(IdmImportInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            await PortalDoor.WalkAsync(context, "portal-manual-import", page => PortalClicks.ImportAsync(page, context.Applications.Get(input.App).DisplayLabel,
                newOnly: input.Select != ImportSelection.All, import: input.Select != ImportSelection.None)).ConfigureAwait(false);
            return;
        }
        var integration = Idm.For(context, input.App);
        ImportListing listing;
        try
        {
            listing = await integration.ListImportCandidatesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ScimRequestException ex)
        {
            throw new SpFaultException($"the SP refused the import listing: {ex.Message}", ex);
        }
        context.Remember(listing);
        context.Note($"import listing: {listing.Users.Count} users in {listing.PagesRead} pages, {listing.NewUsersOnly.Count} new"
            + (listing.FilteredBySp ? $"; asked for the run's namespace only (userName sw \"{context.Namespace.Prefix}\")" : "")
            + (listing.OutsideScope == 0 ? "" : $"; {listing.OutsideScope} users outside the run's namespace '{context.Namespace}' not offered"));
        var selected = input.Select switch
        {
            ImportSelection.All => listing.Users,
            ImportSelection.NewOnly => listing.NewUsersOnly,
            _ => [],
        };
        if (selected.Count > 0)
        {
            var result = integration.Import(selected);
            context.Remember(result);
            context.Note(result.Message);
        }
    }
}

internal static class Idm
{
    public static IdmIntegration For(ScenarioContext context, string app) => context.Idm.For(app);

    /// <summary>A refused IdM action is what the administrator reads; checks judge it through admin.refused.</summary>
    public static void Record(ScenarioContext context, IdmOutcome outcome) => Record(context, [outcome]);

    /// <summary>Several edits saved as one (a mapping's rows): the first refusal among them is the step's.</summary>
    public static void Record(ScenarioContext context, IReadOnlyList<IdmOutcome> outcomes) =>
        context.AdminAnswered(
            outcomes.FirstOrDefault(o => !o.Success)?.Message,
            outcomes.Count == 0 ? "IdM: nothing to change" : string.Join("; ", outcomes.Select(o => (o.Success ? "IdM: " : "IdM refused: ") + o.Message)));
}
