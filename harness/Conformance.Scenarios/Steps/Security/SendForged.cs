using System.ComponentModel;
using Conformance.Core.Saml;
using Conformance.IdP;
using Conformance.IdP.Agent;
using Conformance.Saml.Attacks;
using Conformance.Saml.Responses;
using Conformance.Saml.Signing;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Sso;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Steps.Security;

/// <summary>The ids of the security suite's catalogue.</summary>
public sealed class AttackCaseAttribute : ChoicesAttribute
{
    public override IReadOnlyList<string> Values { get; } = [.. AttackCatalog.All.Select(a => a.Id)];
}

public sealed record SendForgedInput
{
    [Description("The application whose IdP certificate signs the forgery; its SSO tab must be configured.")]
    public required string App { get; init; }

    [Description("Username of the victim: the valid login every case starts from.")]
    [RunMarked]
    public required string User { get; init; }

    [Description("The attack case: one id of the security suite's catalogue (the schema lists them; README's security table says what each forges).")]
    [AttackCase]
    public required string Attack { get; init; }

    [Description("Who the evil Assertion names (default 'admin'), so 'logged in as X' shows which Assertion the SP used.")]
    public string? AttackerNameId { get; init; }
}

/// <summary>
/// The SP security suite (issue 9): forges one case from the victim's valid login, exactly as the mock
/// IdP would sign it for the application, posts it to the ACS like a browser (HTTP-POST binding) and
/// keeps the SP's answer for <c>security.refused</c>.
/// </summary>
public sealed class SendForged : StepAction<SendForgedInput>
{
    private const string DefaultAttacker = "admin";

    public override string Name => "security.send-forged";
    public override IReadOnlyList<string> Needs => [Capability.Saml];

    public override string Description => "Posts a forged SAML Response (one case of the security suite) for a user to the SP's ACS and records the SP's answer.";

    protected override async Task ExecuteAsync(SendForgedInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var attack = Find(input.Attack);
        RequirePolicy(attack, context);
        var idp = context.Idp;
        var settings = idp.FindSso(input.App) ?? throw new InvalidOperationException($"the SSO tab of '{input.App}' is not configured: run sso.configure first");
        var now = context.Time.GetUtcNow();
        var victim = idp.ResponseSpecFor(input.App, context.Directory.GetUser(input.User));
        using var attacker = SigningCertificate.Create("attacker", now);
        await using var listener = FetchListener.Start();
        var forged = AttackCatalog.Forge(attack.Id, new AttackContext
        {
            Victim = victim,
            IdpCertificate = idp.SigningCertificate(input.App),
            AttackerCertificate = attacker.Certificate,
            AttackerNameId = input.AttackerNameId ?? DefaultAttacker,
            ListenerUrl = listener.Url,
        });
        void Record(byte[] xml, string? certificatePem, bool expectAccepted) => context.Record(new SamlMessageRecord
        {
            Kind = SamlMessageKind.Response,
            Xml = xml,
            CertificatePem = certificatePem,
            IdpEntityId = victim.IdpEntityId,
            SpEntityId = settings.SpEntityId,
            Destination = settings.AcsUrl,
            ExpectAccepted = expectAccepted,
            RelayState = settings.TargetUrl,
            ApplicationId = context.Applications.Find(input.App)?.Id,
            At = now,
        });
        Record(forged.Xml, forged.CertificatePem, expectAccepted: false);

        var control = context.Capabilities.Contains(Capability.OfControl("sessions")) ? context.SpControl : null;
        var victimUser = context.Directory.GetUser(input.User);
        var acs = new Uri(settings.AcsUrl);
        string?[] names = [forged.ImpersonatedNameId, SsoResult.NameIdOf(System.Text.Encoding.UTF8.GetString(forged.Xml)), victim.NameId, victimUser.Email, victimUser.Username];
        IReadOnlyList<string> identities = [.. names.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

        // A refusal proves something only when the SP accepts the valid Response the case was forged from: the
        // baseline is that Response, freshly signed, from another browser.
        var valid = ResponseBuilder.Build(idp.ResponseSpecFor(input.App, victimUser), idp.SigningCertificate(input.App)).Xml;
        Record(valid, idp.CertificatePem(input.App), expectAccepted: true);
        var baseline = await PostAsync(idp, context, acs, valid, settings.TargetUrl, identities, cancellationToken).ConfigureAwait(false);
        int? sessionsBefore = null;
        var verdicts = new List<LoginVerdict>();
        var statuses = new List<int>();
        for (var send = 1; send <= forged.Sends; send++)
        {
            if (send == forged.Sends && control is not null)
            {
                sessionsBefore = (await control.SessionsAsync(cancellationToken).ConfigureAwait(false)).Count;
            }
            var (status, verdict) = await PostAsync(idp, context, acs, forged.Xml, settings.TargetUrl, identities, cancellationToken).ConfigureAwait(false);
            statuses.Add(status);
            verdicts.Add(verdict);
        }
        var login = new ForgedLogin
        {
            Attack = attack,
            Forged = forged,
            Baseline = baseline.Verdict,
            Statuses = statuses,
            Verdicts = verdicts,
            SessionsBefore = sessionsBefore,
            ListenerContacted = listener.Fetches > 0,
        };
        context.Remember(login);
        // The report's Security section shows each case with what it is and where it comes from.
        context.Note($"{attack.Title}: {attack.Explanation} Source: {attack.Source}.");
        context.Note($"Baseline: the valid Response for '{input.User}' was {baseline.Verdict.Word}{(baseline.Verdict.User is null ? "" : $" as '{baseline.Verdict.User}'")}: {baseline.Verdict.Evidence}");
        context.Note($"Security case {attack.Id} ({attack.Title}): posted {forged.Xml.Length} bytes to {settings.AcsUrl} {forged.Sends}×, "
            + $"ACS answered {string.Join(", ", statuses)}; login {login.Verdict.Word}{(login.Verdict.User is null ? "" : $" as '{login.Verdict.User}'")}: {login.Verdict.Evidence}");
    }

    /// <summary>Posts one Response from a browser of its own (no cookies from earlier posts) and judges what the SP did.</summary>
    private static async Task<(int Status, LoginVerdict Verdict)> PostAsync(
        MockIdpServer idp, ScenarioContext context, Uri acs, byte[] xml, string? relayState, IReadOnlyList<string> identities, CancellationToken cancellationToken)
    {
        using var agent = new SsoUserAgent(new Uri(idp.BaseUrl), context, context.Redactor, context.Time);
        var outcome = await agent.PostResponseAsync(acs, xml, relayState, cancellationToken).ConfigureAwait(false);
        return (outcome.AcsStatus ?? 0, await LoginJudge.JudgeAsync(outcome, context.Target.Saml, identities, agent, cancellationToken).ConfigureAwait(false));
    }

    private static AttackCase Find(string id) =>
        AttackCatalog.All.FirstOrDefault(a => a.Id == id)
            ?? throw new InputException($"'{id}' is not an attack case; the cases are {string.Join(", ", AttackCatalog.All.Select(a => a.Id))}");

    /// <summary>
    /// A case that only an SP with a signing policy must refuse runs only against a target that declares that policy
    /// (the capability the scenario needs): the policy is the target's, never restated in the scenario.
    /// </summary>
    private static void RequirePolicy(AttackCase attack, ScenarioContext context)
    {
        var needed = attack.Precondition switch
        {
            AttackPrecondition.TargetRequiresSignedAssertion => Capability.SamlWantAssertionsSigned,
            AttackPrecondition.TargetRequiresSignedResponse => Capability.SamlWantResponseSigned,
            _ => null,
        };
        if (needed is not null && !context.Capabilities.Contains(needed))
        {
            throw new CapabilityMissingException(needed, $"the case '{attack.Id}' only applies to an SP that declares {needed}");
        }
    }
}

/// <summary>What the SP did with the forged Response of a scenario, for the security.* conditions.</summary>
public sealed record ForgedLogin
{
    public required AttackCase Attack { get; init; }
    public required ForgedResponse Forged { get; init; }

    /// <summary>What the SP did with the valid Response the case starts from: a refusal of the forgery counts only if this was accepted.</summary>
    public required LoginVerdict Baseline { get; init; }

    /// <summary>The ACS status of every post of the forgery (two for replay); 0 when the SP dropped the connection.</summary>
    public required IReadOnlyList<int> Statuses { get; init; }

    /// <summary>What the SP did with every post of the forgery (two for replay: the first is the valid original).</summary>
    public required IReadOnlyList<LoginVerdict> Verdicts { get; init; }

    /// <summary>The verdict on the attacking post.</summary>
    public LoginVerdict Verdict => Verdicts[^1];

    /// <summary>How many sessions the SP had before the attacking post (null when the target has no control.sessions).</summary>
    public int? SessionsBefore { get; init; }

    /// <summary>Whether anything connected to the harness listener (the XXE case's external entity) during the step.</summary>
    public required bool ListenerContacted { get; init; }
}
