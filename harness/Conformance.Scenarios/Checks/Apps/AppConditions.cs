using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Steps.Apps;

namespace Conformance.Scenarios.Checks.Apps;

public sealed class AppExists : Condition<AppInput>
{
    public override string Name => "app.exists";
    public override Observed Observes => Observed.Boolean;
    public override string Description => "Whether the application is in the Configured Applications list (true/false).";

    protected override Task<Observation> ObserveAsync(AppInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Observation(context.Applications.Find(input.App) is not null));
}

public sealed record AppFieldInput
{
    public required string App { get; init; }

    [Description("A field of the application: name, displayLabel, description, portalImage, showInPortal, ssoSuffix, boundGroupIds.")]
    public required string Field { get; init; }
}

public sealed class AppField : Condition<AppFieldInput>
{
    public override string Name => "app.field";
    public override string Description => "A field of a configured application as the Admin Portal shows it.";

    protected override Task<Observation> ObserveAsync(AppFieldInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var app = context.Applications.Find(input.App);
        if (app is null)
        {
            return Task.FromResult(new Observation(null, $"no application '{input.App}'"));
        }
        var json = JsonSerializer.SerializeToNode(app, JsonOptions.Web) as JsonObject;
        var value = json?[input.Field] ?? throw new ArgumentException($"application has no field '{input.Field}'; fields: {string.Join(", ", json?.Select(p => p.Key) ?? [])}");
        return Task.FromResult(new Observation(value.DeepClone()));
    }
}

public sealed class AdminRefused : Condition<NoInputs>
{
    public override string Name => "admin.refused";
    public override Observed Observes => Observed.Boolean;
    public override string Description => "Whether the last administrative action (create, edit, delete) was refused (true/false); the detail is the message.";

    protected override Task<Observation> ObserveAsync(NoInputs input, ScenarioContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Observation(context.LastRefusal is not null, context.LastRefusal));
}

public sealed class AdminRefusal : Condition<NoInputs>
{
    public override string Name => "admin.refusal";
    public override string Description => "The message the last administrative action was refused with (null when accepted).";

    protected override Task<Observation> ObserveAsync(NoInputs input, ScenarioContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Observation(context.LastRefusal));
}

public sealed record AccessInput
{
    public required string App { get; init; }
    [RunMarked]
    public required string User { get; init; }
}

/// <summary>"Users are implicitly denied access to applications."</summary>
public sealed class AccessAuthorized : Condition<AccessInput>
{
    public override string Name => "access.authorized";
    public override Observed Observes => Observed.Boolean;
    public override string Description => "Whether the directory authorizes the user for the application (a bound group, user active).";

    protected override Task<Observation> ObserveAsync(AccessInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Observation(context.Applications.IsAuthorized(input.App, input.User)));
}
