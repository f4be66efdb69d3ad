using System.ComponentModel;
using System.Text.Json.Nodes;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Browser;
using Conformance.Scenarios.Steps.Sso;

namespace Conformance.Scenarios.Checks.Browser;

public enum BrowserField
{
    SignedIn,
    SessionUser,
    Error,
    Failure,
    FinalUrl,
    Screenshots,

    [Description("Where the link the step followed (follow: passwordChange or logout) led; null when it could not be followed.")]
    FollowedTo,

    [Description("The text of the last page (an Admin Portal confirmation, for instance).")]
    PageText,
}

public sealed record BrowserResultInput
{
    public required BrowserField Field { get; init; }
}

public sealed class BrowserResultCondition : Condition<BrowserResultInput>
{
    public override string Name => "browser.result";
    public override string Description => "What the last browser flow came to: signedIn, sessionUser, error, failure, finalUrl, screenshots (count), followedTo, pageText.";

    protected override Task<Observation> ObserveAsync(BrowserResultInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var outcome = context.Outcome<BrowserResult>().Outcome;
        // Without a session pattern from the target, the SP's page is searched for the user, as the HTTP login verdict does.
        var user = outcome.SessionUser ?? (context.Target.Saml?.Session is null
            ? LoginJudge.FindIdentity(outcome.PageText, [.. context.Users.SelectMany(u => new[] { u.Email, u.Username }).OfType<string>()])
            : null);
        if (input.Field is BrowserField.SessionUser or BrowserField.SignedIn && user is null && outcome.Error is null && outcome.Failure is null)
        {
            return Task.FromResult(new Observation(null, $"the browser reached the SP ({outcome.FinalUrl}) without an error, but no page names the user; give the target a saml.session pattern. Pages: {string.Join(" → ", outcome.Titles)}", Inconclusive: true));
        }
        JsonNode? value = input.Field switch
        {
            BrowserField.SignedIn => user is not null && outcome.Error is null && outcome.Failure is null,
            BrowserField.SessionUser => user,
            BrowserField.Error => outcome.Error,
            BrowserField.Failure => outcome.Failure,
            BrowserField.FinalUrl => outcome.FinalUrl,
            BrowserField.FollowedTo => outcome.FollowedTo,
            BrowserField.PageText => outcome.PageText,
            _ => outcome.Screenshots.Count,
        };
        return Task.FromResult(new Observation(value, $"pages: {string.Join(" → ", outcome.Titles)}{(outcome.FollowFailure is null ? "" : " — " + outcome.FollowFailure)}"));
    }
}
