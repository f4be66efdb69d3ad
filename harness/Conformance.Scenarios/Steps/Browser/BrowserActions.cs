using System.ComponentModel;
using Conformance.Browser;
using Conformance.IdP;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Portal;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Steps.Browser;

public sealed record BrowserLoginInput
{
    public required string App { get; init; }
    [RunMarked]
    public required string User { get; init; }

    [Description("Defaults to the user's directory password.")]
    public string? Password { get; init; }

    [Description("Record a Playwright trace (artifacts/browser/<scenario>/…-trace.zip), passwords scrubbed.")]
    public bool Trace { get; init; } = true;

    [Description("Once signed in, click this link of the SP's page (the target's saml.links): where it leads is browser.result followedTo.")]
    public SpLink? Follow { get; init; }
}

public enum SpLink
{
    [Description("The link to change the password: BlueJeans' Password Change URL setting.")]
    PasswordChange,

    [Description("Sign out: BlueJeans' Logout URL setting.")]
    Logout,
}

/// <summary>
/// "Access the JumpCloud User Console / Go to Applications and click an application tile to launch it",
/// done by a person in Debian's Chromium: every page is screenshotted into the run folder.
/// </summary>
public sealed class BrowserIdpLogin : StepAction<BrowserLoginInput>
{
    public override string Name => "browser.idp-login";
    public override IReadOnlyList<string> Needs => [Capability.Saml];
    public override string Description => "In a real browser: user console → sign in → click the application's tile → the SP's page (screenshots, trace).";

    protected override Task ExecuteAsync(BrowserLoginInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        BrowserRun.RunAsync(context, input, (session, idp, user, password, follow) =>
            session.IdpInitiatedAsync(idp.UserConsoleUrl, user, password, context.Applications.Get(input.App).Id, follow));
}

/// <summary>"Go to the SP application login … Login redirects the user to JumpCloud where the user enters their JumpCloud credentials".</summary>
public sealed class BrowserSpLogin : StepAction<BrowserLoginInput>
{
    public override string Name => "browser.sp-login";
    public override IReadOnlyList<string> Needs => [Capability.Saml, Capability.SamlSpInitiated];
    public override string Description => "In a real browser: the SP's login link → the IdP's login form → credentials → back to the SP (screenshots, trace).";

    protected override Task ExecuteAsync(BrowserLoginInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        BrowserRun.RunAsync(context, input, (session, _, user, password, follow) =>
            session.SpInitiatedAsync(context.Target.Saml?.LoginUrl ?? throw new InvalidOperationException("the target declares no saml.loginUrl"), user, password, follow));
}

/// <summary>The last browser flow of a scenario, for browser.result.</summary>
public sealed record BrowserResult(BrowserOutcome Outcome);

internal static class BrowserRun
{
    public static async Task RunAsync(ScenarioContext context, BrowserLoginInput input, Func<BrowserSession, MockIdpServer, string, string, string?, Task<BrowserOutcome>> flow)
    {
        var links = context.Target.Saml?.Links;
        var follow = input.Follow switch
        {
            null => null,
            SpLink.PasswordChange => Required(links?.PasswordChange, Capability.SamlPasswordChangeLink, "the SP's link to change the password"),
            _ => Required(links?.Logout, Capability.SamlLogoutLink, "the SP's sign-out link"),
        };
        string Required(string? selector, string capability, string what)
        {
            context.Require(capability, $"the target does not say where {what} is (saml.links)");
            return selector!;
        }
        var user = context.Directory.GetUser(input.User);
        var password = input.Password ?? user.Password;
        context.Redactor.AddSecret(password);
        var saml = context.Target.Saml;
        await InBrowserAsync(context, input.Trace, saml is null ? null : new Uri(new Uri(saml.AcsUrl).GetLeftPart(UriPartial.Authority)), saml?.Session,
            session => flow(session, context.Idp, user.Username, password, follow)).ConfigureAwait(false);
    }

    /// <summary>One browser flow of a step: Debian's chromium, screenshots and trace into the run folder, the outcome kept for browser.result.</summary>
    public static async Task InBrowserAsync(ScenarioContext context, bool trace, Uri? spOrigin, Targets.SessionProbeSpec? sessionProbe, Func<BrowserSession, Task<BrowserOutcome>> flow)
    {
        var session = await StartAsync(context, trace, spOrigin, sessionProbe).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            Keep(context, await flow(session).ConfigureAwait(false));
        }
    }

    /// <summary>A chromium session for this scenario's evidence; numbering goes on after what earlier flows saved.</summary>
    public static Task<BrowserSession> StartAsync(ScenarioContext context, bool trace, Uri? spOrigin, Targets.SessionProbeSpec? sessionProbe) =>
        // No chromium is a harness error (errored), not the SP's fault: BrowserUnavailableException says how to get it.
        BrowserSession.StartAsync(new BrowserSessionOptions
        {
            // Without a run folder (tests) the artifacts still go somewhere real, so screenshots are still taken.
            RunFolder = context.RunFolder ?? Path.Combine(Path.GetTempPath(), "conformance-browser", context.Scenario.Id),
            ScenarioId = context.Scenario.Id,
            RecordTrace = trace,
            Redactor = context.Redactor,
            SpOrigin = spOrigin,
            SessionUserPattern = sessionProbe?.User,
            SessionUrl = sessionProbe?.Url,
            NumberedBefore = context.Screenshots.Count + context.Traces.Count,
            Browser = context.Browser ?? throw new InvalidOperationException("a browser step runs only in a scenario runner, which lends each worker its chromium"),
        });

    /// <summary>Keeps a flow's outcome for browser.result and its screenshots and trace as the scenario's evidence.</summary>
    public static void Keep(ScenarioContext context, BrowserOutcome outcome)
    {
        context.Remember(new BrowserResult(outcome));
        foreach (var shot in outcome.Screenshots)
        {
            context.Screenshots.Add(shot);
        }
        if (outcome.Trace is not null)
        {
            context.Traces.Add(outcome.Trace);
        }
        context.Note($"browser: {string.Join(" → ", outcome.Titles)}{(outcome.Failure is null ? "" : " — " + outcome.Failure)}{(outcome.FollowFailure is null ? "" : " — " + outcome.FollowFailure)}");
    }
}

public sealed record PortalDeleteInput
{
    [Description("The application (id, display label or IdP URL suffix).")]
    public required string App { get; init; }

    [Description("What to type as 'the number of the applications you are deleting'; defaults to the right number, 1.")]
    public string Count { get; init; } = "1";
}

/// <summary>"To delete the application", in the mock IdP's Admin Portal, by a person in chromium, typing any count.</summary>
public sealed class PortalDeleteApplication : StepAction<PortalDeleteInput>
{
    public override string Name => "portal.delete-application";
    public override string Description =>
        "In a real browser, the Admin Portal: search the application, check its box, Delete, enter the number of applications, Delete Application (browser.result pageText holds the confirmation).";

    protected override Task ExecuteAsync(PortalDeleteInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var label = context.Applications.Get(input.App).DisplayLabel;
        return PortalDoor.WalkAsync(context, "portal-delete-application", page => PortalClicks.DeleteApplicationAsync(page, label, input.Count));
    }
}
