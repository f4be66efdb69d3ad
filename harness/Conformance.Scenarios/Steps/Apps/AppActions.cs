using System.ComponentModel;
using Conformance.Core.Applications;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Portal;

namespace Conformance.Scenarios.Steps.Apps;

public sealed record PortalImageInput
{
    public PortalImageKind Kind { get; init; } = PortalImageKind.Logo;
    public string Value { get; init; } = "default";

    internal PortalImage ToPortalImage() => new(Kind, Value);
}

public sealed record AppCreateInput
{
    [Description("The catalogue name typed in the Search field, e.g. BlueJeans.")]
    public required string Name { get; init; }

    public string? DisplayLabel { get; init; }
    public string? Description { get; init; }
    public PortalImageInput? PortalImage { get; init; }
    public bool? ShowInPortal { get; init; }

    [Description("Advanced Settings: the end of the SSO IdP URL, {base}/saml2/{custom_value}.")]
    public string? SsoSuffix { get; init; }

    [Description("saml (default) or bookmark: a tile that only opens bookmarkUrl.")]
    public ApplicationKind Kind { get; init; }

    [Description("A bookmark's URL (http or https).")]
    public string? BookmarkUrl { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

/// <summary>"+ Add New Application" → Save Application. A refusal is recorded, not thrown: checks judge it.</summary>
public sealed class AppCreate : StepAction<AppCreateInput>
{
    public override string Name => "app.create";
    public override string Description => "Adds a configured application (name, label, description, portal image, show in portal, IdP URL suffix).";

    protected override async Task ExecuteAsync(AppCreateInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var before = context.Applications.Applications.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        if (input.Via == AdminDoor.Portal)
        {
            await PortalDoor.WalkAsync(context, "portal-add-application", page => PortalClicks.AddApplicationAsync(page,
                new NewApplication(input.Kind == ApplicationKind.Bookmark ? "Bookmark" : input.Name)
                {
                    DisplayLabel = input.DisplayLabel ?? (input.Kind == ApplicationKind.Bookmark ? input.Name : null),
                    Description = input.Description,
                    Color = input.PortalImage is { Kind: PortalImageKind.ColorIndicator } image ? image.Value : null,
                    ShowInPortal = input.ShowInPortal,
                    BookmarkUrl = input.BookmarkUrl,
                    SsoSuffix = input.SsoSuffix,
                })).ConfigureAwait(false);
        }
        else
        {
            await context.Administer(() => context.Applications.Create(new ApplicationSettings
            {
                Name = input.Name,
                DisplayLabel = input.DisplayLabel,
                Description = input.Description,
                PortalImage = input.PortalImage?.ToPortalImage(),
                ShowInPortal = input.ShowInPortal,
                SsoSuffix = input.SsoSuffix,
                Kind = input.Kind,
                BookmarkUrl = input.BookmarkUrl,
            })).ConfigureAwait(false);
        }
        if (context.Applications.Applications.FirstOrDefault(a => !before.Contains(a.Id)) is { } app)
        {
            context.Set(ScenarioValues.AppId, app.Id);
            context.Set(ScenarioValues.AppSuffix, app.SsoSuffix);
            context.Note($"created application {app.Id} '{app.DisplayLabel}' with IdP URL suffix '{app.SsoSuffix}'");
        }
    }
}

public sealed record AppUpdateInput
{
    [Description("The application's id, display label or IdP URL suffix.")]
    public required string App { get; init; }

    public string? DisplayLabel { get; init; }
    public string? Description { get; init; }
    public PortalImageInput? PortalImage { get; init; }
    public bool? ShowInPortal { get; init; }
    public string? SsoSuffix { get; init; }
}

public sealed class AppUpdate : StepAction<AppUpdateInput>
{
    public override string Name => "app.update";
    public override string Description => "Edits a configured application's general settings (a new IdP URL suffix is refused).";

    protected override Task ExecuteAsync(AppUpdateInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        context.Administer(() =>
        {
            var before = context.Applications.Get(input.App);
            context.Applications.Update(before.Id, new ApplicationSettings
            {
                Name = before.Name,
                DisplayLabel = input.DisplayLabel,
                Description = input.Description,
                PortalImage = input.PortalImage?.ToPortalImage(),
                ShowInPortal = input.ShowInPortal,
                SsoSuffix = input.SsoSuffix,
            });
        });
}

public sealed record AppInput
{
    [Description("The application's id, display label or IdP URL suffix.")]
    public required string App { get; init; }
}

/// <summary>An application, and the door an administrator uses to change it.</summary>
public sealed record AppAdminInput
{
    [Description("The application's id, display label or IdP URL suffix.")]
    public required string App { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

public sealed class AppDelete : StepAction<AppAdminInput>
{
    public override string Name => "app.delete";
    public override string Description => "Deletes a configured application (Delete → Delete Application).";

    protected override Task ExecuteAsync(AppAdminInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        input.Via == AdminDoor.Portal
            ? PortalDoor.WalkAsync(context, "portal-delete-application", page => PortalClicks.DeleteApplicationAsync(page, context.Applications.Get(input.App).DisplayLabel, "1"))
            : context.Administer(() => context.Applications.Delete(input.App));
}

/// <summary>"Select the SSO or Bookmark tab. … Click Deactivate SSO or Deactivate Bookmark. Click save."</summary>
public sealed class AppDeactivateBookmark : StepAction<AppAdminInput>
{
    public override string Name => "app.deactivate-bookmark";
    public override string Description => "Deactivates a Bookmark application: its User Console tile no longer shows (a SAML application is refused).";

    protected override Task ExecuteAsync(AppAdminInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        input.Via == AdminDoor.Portal
            ? PortalDoor.WalkAsync(context, "portal-deactivate-bookmark", page => PortalClicks.DeactivateAsync(page, context.Applications.Get(input.App).DisplayLabel, "bookmark"))
            : context.Administer(() => context.Applications.DeactivateBookmark(input.App));
}

public sealed record BindingInput
{
    public required string App { get; init; }
    [RunMarked]
    public required string Group { get; init; }

    [Description("api (default) or portal: a person in the Admin Portal, in chromium.")]
    public AdminDoor Via { get; init; }
}

/// <summary>"Select the check box next to the desired group of users … Click Save."</summary>
public sealed class AppBindGroup : StepAction<BindingInput>
{
    public override string Name => "app.bind-group";
    public override string Description => "Authorizes a user group for an application (User Groups tab → check the group → Save).";

    protected override Task ExecuteAsync(BindingInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        Binding.ChangeAsync(input, context, access: true);
}

public sealed class AppUnbindGroup : StepAction<BindingInput>
{
    public override string Name => "app.unbind-group";
    public override string Description => "Removes a user group's authorization for an application.";

    protected override Task ExecuteAsync(BindingInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        Binding.ChangeAsync(input, context, access: false);
}

internal static class Binding
{
    public static Task ChangeAsync(BindingInput input, ScenarioContext context, bool access)
    {
        if (input.Via == AdminDoor.Portal)
        {
            var label = context.Applications.Get(input.App).DisplayLabel;
            return PortalDoor.WalkAsync(context, access ? "portal-bind-group" : "portal-unbind-group", page => PortalClicks.SetGroupAccessAsync(page, label, input.Group, access));
        }
        if (access)
        {
            context.Applications.BindGroup(input.App, input.Group);
        }
        else
        {
            context.Applications.UnbindGroup(input.App, input.Group);
        }
        return Task.CompletedTask;
    }
}
