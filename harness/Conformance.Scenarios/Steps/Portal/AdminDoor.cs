using System.ComponentModel;
using Conformance.Browser;
using Conformance.IdP;
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
/// is the harness's error, not the SP's.
/// </summary>
internal static class PortalDoor
{
    public static async Task WalkAsync(ScenarioContext context, string flow, Func<PortalPage, Task<string?>> clicks)
    {
        var idp = context.Get<MockIdpServer>();
        PortalPage? walked = null;
        await BrowserRun.InBrowserAsync(context, trace: false, spOrigin: null, sessionProbe: null, session =>
            session.PortalAsync(flow, new PortalSignIn(new Uri(idp.PortalUrl), idp.AdminEmail, idp.AdminPassword), page =>
            {
                walked = page;
                return clicks(page);
            })).ConfigureAwait(false);
        var outcome = context.Get<BrowserResult>().Outcome;
        if (outcome.Failure is not null)
        {
            throw new InvalidOperationException($"The Admin Portal path '{flow}' could not be walked: {outcome.Failure}");
        }
        context.LastRefusal = walked?.LastAnswer is { Refused: true } refused ? refused.Text : null;
        context.Note(walked?.LastAnswer is { } answer ? $"the Admin Portal answered: {answer.Text}" : "the Admin Portal answered nothing");
    }
}
