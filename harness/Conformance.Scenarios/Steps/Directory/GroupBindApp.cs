using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Apps;

namespace Conformance.Scenarios.Steps.Directory;

/// <summary>
/// "You can authorize user access from the Applications, Users List or User Groups page." This is the User
/// Groups page: the group's Applications tab, check the application, Save. It binds as app.bind-group does.
/// </summary>
public sealed class GroupBindApp : StepAction<BindingInput>
{
    public override string Name => "group.bind-app";
    public override string Description => "Authorizes a user group for an application from the User Groups page (Applications tab → check the app → Save).";

    protected override Task ExecuteAsync(BindingInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        context.Applications.BindGroup(input.App, input.Group);
        context.Note($"User Groups page: '{input.Group}' may now use '{input.App}'");
        return Task.CompletedTask;
    }
}
