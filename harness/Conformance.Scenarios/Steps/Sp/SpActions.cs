using System.ComponentModel;
using System.Text.Json.Nodes;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Steps.Sp;

public sealed record RecordingsInput
{
    [RunMarked]
    public required string User { get; init; }
    public required int Count { get; init; }
}

/// <summary>"A maximum of 250 user recoding can be transferred during de-provisioning." — sets up both sides of that limit.</summary>
public sealed class SpSetRecordings : StepAction<RecordingsInput>
{
    public override string Name => "sp.set-recordings";
    public override IReadOnlyList<string> Needs => [Capability.OfControl("recordings")];
    public override string Description => "Sets a user's recording count on the SP (control API).";

    protected override Task ExecuteAsync(RecordingsInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        context.SpControl.SetRecordingsAsync(context.Expand(input.User), input.Count, cancellationToken);
}

public enum FaultKind
{
    Status,
    Latency,
    Drop,
    MalformedJson,
    WrongContentType,
}

public sealed record FaultInput
{
    public string? Method { get; init; }

    [Description("Path on the SP that gets the fault, e.g. /Users.")]
    public string Path { get; init; } = "/Users";

    public required FaultKind Kind { get; init; }
    public int? Status { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public int? DelayMs { get; init; }

    [Description("How many matching requests get the fault; 0 means every one.")]
    public int Times { get; init; } = 1;
}

public sealed class SpFault : StepAction<FaultInput>
{
    public override string Name => "sp.fault";
    public override IReadOnlyList<string> Needs => [Capability.OfControl("faults")];
    public override string Description => "Makes the SP misbehave on matching SCIM requests: a status (429 with Retry-After, 5xx), latency, a dropped connection, malformed JSON or a wrong content type.";

    protected override Task ExecuteAsync(FaultInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var fault = new JsonObject
        {
            ["path"] = input.Path,
            ["kind"] = InputKind(input.Kind),
            ["times"] = input.Times,
        };
        if (input.Method is not null) { fault["method"] = input.Method; }
        if (input.Status is not null) { fault["status"] = input.Status; }
        if (input.RetryAfterSeconds is not null) { fault["retryAfterSeconds"] = input.RetryAfterSeconds; }
        if (input.DelayMs is not null) { fault["delayMs"] = input.DelayMs; }
        return context.SpControl.AddFaultAsync(fault, cancellationToken);
    }

    private static string InputKind(FaultKind kind) => Loading.InputBinder.Kebab(kind.ToString());
}

public sealed class SpClearFaults : StepAction<NoInputs>
{
    public override string Name => "sp.clear-faults";
    public override string Description => "Removes every injected fault.";

    protected override Task ExecuteAsync(NoInputs input, ScenarioContext context, CancellationToken cancellationToken) =>
        context.SpControl.ClearFaultsAsync(cancellationToken);
}

public sealed record DefenceInput
{
    [Description("A defence of the stub (docs/sp-control-api.md), e.g. username-length, recordings-limit, signature.")]
    public required string Name { get; init; }

    public bool Enabled { get; init; }
}

/// <summary>Switches off one rule of the stub so that a suite can prove its checks fail when an SP misbehaves.</summary>
public sealed class SpDefence : StepAction<DefenceInput>
{
    public override string Name => "sp.defence";
    public override IReadOnlyList<string> Needs => [Capability.OfControl("defences")];
    public override string Description => "Switches one of the stub's rules off (or on again).";

    protected override Task ExecuteAsync(DefenceInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        context.SpControl.SetDefenceAsync(input.Name, input.Enabled, cancellationToken);
}

/// <summary>"In the Provision &amp; Integration window, select Create and manage user accounts through IDP and then GENERATE TOKEN."</summary>
public sealed class SpGenerateToken : StepAction<NoInputs>
{
    public override string Name => "sp.generate-token";
    public override IReadOnlyList<string> Needs => [Capability.OfControl("token")];
    public override string Description =>
        "Generates a new SCIM token on the SP (the old one stops working); it is ${sp.newToken} afterwards. The target's token is put back after the scenario.";

    protected override async Task ExecuteAsync(NoInputs input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var control = context.SpControl;
        // Registered before the call: a rotation that happened but whose answer was lost is still undone.
        if (context.Target.Scim?.Token is { } runToken)
        {
            context.Restorers.Add(ct => control.RestoreTokenAsync(runToken, ct));
        }
        var token = await control.GenerateTokenAsync(cancellationToken).ConfigureAwait(false);
        context.Redactor.AddSecret(token);
        context.Set(ScenarioValues.SpNewToken, token);
    }
}
