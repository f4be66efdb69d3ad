using System.ComponentModel;
using Conformance.Browser;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Browser;

namespace Conformance.Scenarios.Steps.Portal;

/// <summary>How an administrative step reaches the organisation: the model directly, or a person in the Admin Portal.</summary>
public enum AdminDoor
{
    [Description("Straight through the organisation's model, as the admin API does.")]
    Api,

    [Description("In chromium, through the mock IdP's Admin Portal, clicking the guide's path (a screenshot of every page).")]
    Portal,
}

/// <summary>
/// Runs an Admin Portal click path for a step. What the portal refuses (its alert) becomes the step's refusal, as the
/// model's refusal does through the other door; a path that cannot be walked (a missing row, a page that never came)
/// or a page that fails the accessibility rules is the harness's error, not the SP's.
/// </summary>
internal static class PortalDoor
{
    public static async Task WalkAsync(ScenarioContext context, string flow, Func<PortalPage, Task<string?>> clicks)
    {
        var idp = context.Idp;
        // One administrator's browser for the whole scenario, as a person keeps the portal open between tasks.
        context.Administrator ??= context.Own(new AdministratorBrowser(await BrowserRun.StartAsync(context, trace: false, spOrigin: null, sessionProbe: null).ConfigureAwait(false)));
        var session = context.Administrator.Session;
        PortalPage? walked = null;
        var outcome = await session.PortalAsync(flow, new PortalSignIn(new Uri(idp.PortalUrl), idp.AdminEmail, idp.AdminPassword), page =>
        {
            walked = page;
            return clicks(page);
        }).ConfigureAwait(false);
        BrowserRun.Keep(context, outcome);
        if (outcome.Failure is not null)
        {
            throw new InvalidOperationException($"The Admin Portal path '{flow}' could not be walked: {outcome.Failure}");
        }
        if (walked?.AccessibilityViolations is { Count: > 0 } violations)
        {
            // The portal is the harness's own: a page a screen reader cannot use is a defect here, never the SP's.
            throw new InvalidOperationException($"The Admin Portal path '{flow}' has pages that fail axe-core's rules: {string.Join("; ", violations)}");
        }
        context.AdminAnswered(
            walked?.LastAnswer is { Refused: true } refused ? refused.Text : null,
            walked?.LastAnswer is { } answer ? $"the Admin Portal answered: {answer.Text}" : "the Admin Portal answered nothing");
    }
}

/// <summary>The chromium session the scenario's administrator works the portal in; closed with the scenario.</summary>
internal sealed record AdministratorBrowser(BrowserSession Session) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Session.DisposeAsync();
}
