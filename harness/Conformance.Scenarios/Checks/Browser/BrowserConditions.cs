using System.Text.Json.Nodes;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Browser;

namespace Conformance.Scenarios.Checks.Browser;

public enum BrowserField
{
    SignedIn,
    SessionUser,
    Error,
    Failure,
    FinalUrl,
    Screenshots,
}

public sealed record BrowserResultInput
{
    public required BrowserField Field { get; init; }
}

public sealed class BrowserResultCondition : Condition<BrowserResultInput>
{
    public override string Name => "browser.result";
    public override string Description => "What the last browser flow came to: signedIn, sessionUser, error, failure, finalUrl, screenshots (count).";

    protected override Task<Observation> ObserveAsync(BrowserResultInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var outcome = context.Get<BrowserResult>().Outcome;
        JsonNode? value = input.Field switch
        {
            BrowserField.SignedIn => outcome.SignedIn,
            BrowserField.SessionUser => outcome.SessionUser,
            BrowserField.Error => outcome.Error,
            BrowserField.Failure => outcome.Failure,
            BrowserField.FinalUrl => outcome.FinalUrl,
            _ => outcome.Screenshots.Count,
        };
        return Task.FromResult(new Observation(value, $"pages: {string.Join(" → ", outcome.Titles)}"));
    }
}
