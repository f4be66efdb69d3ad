using System.Text.Json.Nodes;
using Conformance.Scenarios.Harness;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Steps.Security;

namespace Conformance.Scenarios.Checks.Security;

/// <summary>
/// Whether the SP refused the forged login of <c>security.send-forged</c>: no session on its page (an
/// error status or no <c>#session-user</c>) and, when the target has control.sessions, none opened at
/// the SP. For comment injection, a login as the whole signed NameID is fine; one as the victim is not.
/// </summary>
public sealed class SecurityRefused : Condition<NoInputs>
{
    public override string Name => "security.refused";

    public override string Description => "True when the SP refused the forged Response of security.send-forged; otherwise the detail names the user the SP logged in as.";

    protected override async Task<Observation> ObserveAsync(NoInputs input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var login = context.Get<ForgedLogin>();
        var loggedInAs = new List<string>();
        if (login.Status is >= 200 and < 400 && login.SessionUser is { } pageUser)
        {
            loggedInAs.Add(pageUser);
        }
        if (login.SessionsBefore is { } before)
        {
            var sessions = await context.Get<SpControl>().SessionsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var session in sessions.Skip(before).OfType<JsonObject>())
            {
                loggedInAs.AddRange(new[] { session["userId"], session["nameId"] }.Select(v => v?.ToString()).OfType<string>());
            }
        }
        var impersonated = login.Forged.ImpersonatedNameId;
        var refused = login.Attack.RefusalRequired
            ? loggedInAs.Count == 0
            : !loggedInAs.Contains(impersonated, StringComparer.OrdinalIgnoreCase);
        var answer = $"ACS answered {string.Join(" then ", login.Statuses)}";
        var detail = refused
            ? loggedInAs.Count == 0
                ? $"refused: {answer}{(login.Error is null ? "" : $" — {login.Error}")}"
                : $"signed in as the whole signed NameID '{loggedInAs[0]}', never as '{impersonated}' ({answer})"
            : $"NOT refused: the SP logged in as '{loggedInAs.Distinct(StringComparer.OrdinalIgnoreCase).First()}' ({answer}); the forged Response impersonates '{impersonated}'. "
                + $"{login.Attack.Title}: {login.Attack.Explanation} {login.Attack.ExpectedRefusal} Source: {login.Attack.Source}.";
        return new Observation(refused, detail);
    }
}

/// <summary>Whether the SP fetched the XXE case's external entity from the harness listener.</summary>
public sealed class SecurityListenerContacted : Condition<NoInputs>
{
    public override string Name => "security.listener-contacted";

    public override string Description => "True when something fetched the harness listener the XXE case's external entity points at during security.send-forged.";

    protected override Task<Observation> ObserveAsync(NoInputs input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var login = context.Get<ForgedLogin>();
        return Task.FromResult(new Observation(login.ListenerContacted,
            login.ListenerContacted ? "the SP fetched the external entity's URL: it processes DTDs (file disclosure, SSRF)" : "the listener was never contacted"));
    }
}
