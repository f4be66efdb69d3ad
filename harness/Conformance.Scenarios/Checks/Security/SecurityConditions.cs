using System.Text.Json.Nodes;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Steps.Security;
using Conformance.Scenarios.Steps.Sso;

namespace Conformance.Scenarios.Checks.Security;

/// <summary>
/// Whether the SP refused the forged login of <c>security.send-forged</c>, read from plain HTTP (and, when the target
/// has control.sessions, from the sessions the SP lists). Refused passes only when the SP accepted the valid Response
/// the case was forged from (and, for replay, its first post); otherwise the case is inconclusive. Accepted as the
/// impersonated user fails; accepted as only the validly signed subject is a warning, named as such (for comment
/// injection, a login as the whole signed NameID is the safe outcome).
/// </summary>
public sealed class SecurityRefused : Condition<NoInputs>
{
    public override string Name => "security.refused";
    public override Observed Observes => Observed.Boolean;

    public override string Description => "True when the SP refused the forged Response of security.send-forged; otherwise the detail names the user the SP logged in as.";

    protected override async Task<Observation> ObserveAsync(NoInputs input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var login = context.Outcome<ForgedLogin>();
        var attack = login.Attack;
        var answer = $"ACS answered {string.Join(" then ", login.Statuses)}";
        var loggedInAs = new List<string>();
        if (login.Verdict is { Decision: LoginDecision.Accepted, User: { } user })
        {
            loggedInAs.Add(user);
        }
        if (login.SessionsBefore is { } before)
        {
            var sessions = await context.SpControl.SessionsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var session in sessions.Skip(before).OfType<JsonObject>())
            {
                loggedInAs.AddRange(new[] { session["userId"], session["nameId"] }.Select(v => v?.ToString()).OfType<string>());
            }
        }
        var impersonated = login.Forged.ImpersonatedNameId;
        if (loggedInAs.Contains(impersonated, StringComparer.OrdinalIgnoreCase))
        {
            return new Observation(false, $"NOT refused: the SP logged in as '{impersonated}'; the forged Response impersonates '{impersonated}' ({answer}; {login.Verdict.Evidence}). "
                + $"{attack.Title}: {attack.Explanation} {attack.ExpectedRefusal} Source: {attack.Source}.");
        }
        if (loggedInAs.Count > 0)
        {
            var who = loggedInAs.Distinct(StringComparer.OrdinalIgnoreCase).First();
            return attack.RefusalRequired
                ? new Observation(false, $"accepted, but only the validly signed subject '{who}' logged in, never '{impersonated}' ({answer}; {login.Verdict.Evidence}). {attack.ExpectedRefusal}", WarningOnly: true)
                : new Observation(true, $"signed in as the whole signed NameID '{who}', never as '{impersonated}' ({answer})");
        }
        if (login.Baseline.Decision != LoginDecision.Accepted)
        {
            return new Observation(null, $"the SP did not accept the valid Response this case was forged from (login {login.Baseline.Word}: {login.Baseline.Evidence}), so its answer to the forgery proves nothing", Inconclusive: true);
        }
        if (login.Verdicts.Count > 1 && login.Verdicts[0].Decision != LoginDecision.Accepted)
        {
            return new Observation(null, $"the SP did not accept the first post of the Response (login {login.Verdicts[0].Word}: {login.Verdicts[0].Evidence}), so refusing its replay proves nothing", Inconclusive: true);
        }
        return login.Verdict.Decision switch
        {
            LoginDecision.Refused => new Observation(true, login.Verdicts.Count > 1 ? $"refused: {answer}; {login.Verdict.Evidence}" : $"refused: {login.Verdict.Evidence}"),
            _ => new Observation(null, $"login {login.Verdict.Word}: {login.Verdict.Evidence}", Inconclusive: true),
        };
    }
}

/// <summary>Whether the SP fetched the XXE case's external entity from the harness listener.</summary>
public sealed class SecurityListenerContacted : Condition<NoInputs>
{
    public override string Name => "security.listener-contacted";
    public override Observed Observes => Observed.Boolean;

    public override string Description => "True when something fetched the harness listener the XXE case's external entity points at during security.send-forged.";

    protected override Task<Observation> ObserveAsync(NoInputs input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var login = context.Outcome<ForgedLogin>();
        return Task.FromResult(new Observation(login.ListenerContacted,
            login.ListenerContacted ? "the SP fetched the external entity's URL: it processes DTDs (file disclosure, SSRF)" : "the listener was never contacted"));
    }
}
