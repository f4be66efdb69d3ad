using System.ComponentModel;
using Conformance.Core.Applications;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Model;

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
}

/// <summary>"+ Add New Application" → Save Application. A refusal is recorded, not thrown: checks judge it.</summary>
public sealed class AppCreate : StepAction<AppCreateInput>
{
    public override string Name => "app.create";
    public override string Description => "Adds a configured application (name, label, description, portal image, show in portal, IdP URL suffix).";

    protected override Task ExecuteAsync(AppCreateInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        context.Administer(() =>
        {
            var app = context.Applications.Create(new ApplicationSettings
            {
                Name = input.Name,
                DisplayLabel = input.DisplayLabel,
                Description = input.Description,
                PortalImage = input.PortalImage?.ToPortalImage(),
                ShowInPortal = input.ShowInPortal,
                SsoSuffix = input.SsoSuffix,
            });
            context.Set(ScenarioValues.AppId, app.Id);
            context.Set(ScenarioValues.AppSuffix, app.SsoSuffix);
            context.Note($"created application {app.Id} '{app.DisplayLabel}' with IdP URL suffix '{app.SsoSuffix}'");
        });
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

public sealed class AppDelete : StepAction<AppInput>
{
    public override string Name => "app.delete";
    public override string Description => "Deletes a configured application (Delete → Delete Application).";

    protected override Task ExecuteAsync(AppInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        context.Administer(() => context.Applications.Delete(input.App));
}

public sealed record BindingInput
{
    public required string App { get; init; }
    [RunMarked]
    public required string Group { get; init; }
}

/// <summary>"Select the check box next to the desired group of users … Click Save."</summary>
public sealed class AppBindGroup : StepAction<BindingInput>
{
    public override string Name => "app.bind-group";
    public override string Description => "Authorizes a user group for an application (User Groups tab → check the group → Save).";

    protected override Task ExecuteAsync(BindingInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        context.Applications.BindGroup(input.App, input.Group);
        return Task.CompletedTask;
    }
}

public sealed class AppUnbindGroup : StepAction<BindingInput>
{
    public override string Name => "app.unbind-group";
    public override string Description => "Removes a user group's authorization for an application.";

    protected override Task ExecuteAsync(BindingInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        context.Applications.UnbindGroup(input.App, input.Group);
        return Task.CompletedTask;
    }
}
