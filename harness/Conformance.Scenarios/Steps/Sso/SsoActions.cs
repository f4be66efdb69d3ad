using System.ComponentModel;
using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Conformance.IdP.Agent;
using Conformance.IdP.Sso;
using Conformance.Saml.Responses;
using Conformance.Saml.Signing;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Apps;
using Conformance.Scenarios.Steps.Portal;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Steps.Sso;

public sealed record SsoConfigureInput
{
    [Description("The application's id, display label or IdP URL suffix.")]
    public required string App { get; init; }

    [Description("Defaults to the target's saml.entityId.")]
    public string? SpEntityId { get; init; }

    [Description("Defaults to the target's saml.acsUrl.")]
    public string? AcsUrl { get; init; }

    [Description("The SP's RelayState value: 'In the Target URL field, paste the Relay State value'.")]
    public string? TargetUrl { get; init; }

    public string? SloUrl { get; init; }

    [Description("The user property the NameID carries: email, username, employeeIdentifier, id.")]
    public string? NameIdSource { get; init; }

    public string? NameIdFormat { get; init; }

    [Description("Attribute statements: SAML attribute name → user property (firstname, lastname, email, username, jobTitle…).")]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    public SignedParts? Signing { get; init; }

    [Description("Register the SP from its metadata (target saml.metadata) instead of by fields.")]
    public bool FromMetadata { get; init; }

    [Description("api (default) or portal: a person fills the SSO tab in chromium (metadata pasted into SP Metadata) and clicks Save; the tab has no SLO URL or NameID format field.")]
    public AdminDoor Via { get; init; }
}

/// <summary>"Select the SSO tab. Add or change any attributes. Click save."</summary>
public sealed class SsoConfigure : StepAction<SsoConfigureInput>
{
    public override string Name => "sso.configure";
    public override IReadOnlyList<string> Needs => [Capability.Saml];
    public override string Description => "Fills the application's SSO tab on the IdP (SP entity ID, ACS URL, Target URL, NameID, attributes, signing).";

    protected override Task ExecuteAsync(SsoConfigureInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        input.Via == AdminDoor.Portal ? ThroughPortalAsync(input, context, cancellationToken) : context.AdministerAsync(async () =>
        {
            var idp = context.Idp;
            var saml = context.Target.Saml;
            SsoSettings settings;
            if (input.FromMetadata)
            {
                var metadata = saml?.Metadata ?? throw new InvalidOperationException("the target declares no saml.metadata");
                using var http = context.EvidenceClient(Channels.Saml);
                settings = await idp.ConfigureSsoFromMetadataUrlAsync(input.App, new Uri(metadata), http, s => Apply(input, s), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var baseline = idp.FindSso(input.App) ?? new SsoSettings
                {
                    SpEntityId = input.SpEntityId ?? saml?.EntityId ?? throw new InvalidOperationException("no SP entity ID: the target has no saml section"),
                    AcsUrl = input.AcsUrl ?? saml?.AcsUrl ?? throw new InvalidOperationException("no ACS URL: the target has no saml section"),
                };
                settings = Apply(input, baseline);
                idp.ConfigureSso(input.App, settings);
            }
            context.Set(ScenarioValues.IdpSsoUrl, idp.SsoUrl(input.App));
            context.Set(ScenarioValues.IdpEntityId, idp.EntityId(input.App));
            context.Note($"SSO tab of '{input.App}': SP entity ID {settings.SpEntityId}, ACS {settings.AcsUrl}, NameID from {settings.NameIdSource}, signing {settings.Signing}");
        });

    /// <summary>"Select BlueJeans from the Configured Applications list. Select the SSO tab. … Click save." in chromium.</summary>
    private static async Task ThroughPortalAsync(SsoConfigureInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.SloUrl is not null || input.NameIdFormat is not null)
        {
            throw new InvalidOperationException("sso.configure via portal: the SSO tab has no SLO URL or NameID format field.");
        }
        var idp = context.Idp;
        var saml = context.Target.Saml;
        string? metadata = null;
        if (input.FromMetadata)
        {
            using var http = context.EvidenceClient(Channels.Saml);
            metadata = await http.GetStringAsync(new Uri(saml?.Metadata ?? throw new InvalidOperationException("the target declares no saml.metadata")), cancellationToken).ConfigureAwait(false);
        }
        var baseline = idp.FindSso(input.App) ?? new SsoSettings
        {
            SpEntityId = input.SpEntityId ?? saml?.EntityId ?? "",
            AcsUrl = input.AcsUrl ?? saml?.AcsUrl ?? "",
        };
        var wanted = Apply(input, baseline);
        var fields = new SsoTabFields(metadata, wanted.SpEntityId, wanted.AcsUrl, wanted.TargetUrl, wanted.NameIdSource,
            string.Join("\n", wanted.Attributes.Select(a => $"{a.Name} = {a.UserProperty}")), wanted.Signing.ToString());
        await PortalDoor.WalkAsync(context, "portal-sso-configure", page => PortalClicks.ConfigureSsoAsync(page, context.Applications.Get(input.App).DisplayLabel, fields)).ConfigureAwait(false);
        if (context.LastRefusal is null)
        {
            context.Set(ScenarioValues.IdpSsoUrl, idp.SsoUrl(input.App));
            context.Set(ScenarioValues.IdpEntityId, idp.EntityId(input.App));
        }
    }

    private static SsoSettings Apply(SsoConfigureInput input, SsoSettings s)
    {
        var result = s with
        {
            SpEntityId = input.SpEntityId ?? s.SpEntityId,
            AcsUrl = input.AcsUrl ?? s.AcsUrl,
            TargetUrl = input.TargetUrl ?? s.TargetUrl,
            SloUrl = input.SloUrl ?? s.SloUrl,
            NameIdSource = input.NameIdSource ?? s.NameIdSource,
            NameIdFormat = input.NameIdFormat ?? s.NameIdFormat,
            Signing = input.Signing ?? s.Signing,
        };
        foreach (var (name, property) in input.Attributes ?? new Dictionary<string, string>())
        {
            result = result.WithAttribute(name, property);
        }
        return result;
    }
}

public sealed record SpSamlInput
{
    [Description("The IdP application whose certificate, SSO URL and entity ID the SP is given.")]
    public required string App { get; init; }

    [Description("false: the SP's SAML single sign-on is switched off (its side of the integration removed).")]
    public bool Enabled { get; init; } = true;

    public bool AutoProvisioning { get; init; } = true;
    public bool PickUserIdFromNameId { get; init; } = true;
    public string? UserIdAttribute { get; init; }
    public string? EmailAttribute { get; init; }

    [Description("Which certificate the SP is given: the application's, or another one (to prove the SP checks it).")]
    public UploadedCertificate Certificate { get; init; } = UploadedCertificate.App;
}

public enum UploadedCertificate
{
    [Description("The application's IdP signing certificate.")]
    App,

    [Description("A certificate the IdP never signs with.")]
    Other,
}

/// <summary>
/// The guide's "To configure BlueJeans": ADMIN &gt; SECURITY, certificate upload, Login URL = the IdP URL,
/// Password Change and Logout URLs = the user console; then the SP's RelayState value is read back.
/// </summary>
public sealed class SpConfigureSaml : StepAction<SpSamlInput>
{
    public override string Name => "sp.configure-saml";
    public override string Description => "Fills the SP's SAML settings through its control API and reads back its RelayState value as ${sp.relayState} (and its SLO URL as ${sp.sloUrl}). "
        + "Without control.saml, the SP as deployed was configured once from the IdP metadata: the step only holds when it asks for that configuration.";

    protected override async Task ExecuteAsync(SpSamlInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var idp = context.Idp;
        if (!context.Capabilities.Contains(Capability.OfControl("saml")))
        {
            var deployed = context.Target.Saml;
            var trusted = context.Target.Idp?.App ?? new Targets.IdpSpec().App;
            var suffix = context.Applications.Find(input.App)?.SsoSuffix ?? input.App;
            var differs = new[]
            {
                // The metadata the SP loaded names one application's IdP URL; another application's is unknown to it.
                suffix == trusted ? null : $"the IdP URL …/saml2/{suffix}, where the SP as deployed trusts …/saml2/{trusted}",
                input.Enabled ? null : "SSO switched off at the SP",
                input.Certificate == UploadedCertificate.App ? null : "another certificate uploaded",
                input.AutoProvisioning ? null : "automatic provisioning off",
                input.PickUserIdFromNameId == (deployed?.UserIdFromNameId ?? true) ? null : $"'Pick User ID from NameID' {(input.PickUserIdFromNameId ? "on" : "off")}",
                input.UserIdAttribute is null && input.EmailAttribute is null ? null : "User ID and Email attributes set",
            }.OfType<string>().ToList();
            if (differs.Count > 0)
            {
                throw new CapabilityMissingException(Capability.OfControl("saml"), $"the scenario needs the SP's SAML settings changed ({string.Join(", ", differs)})");
            }
            context.Note($"The SP as deployed trusts this IdP from its metadata ({idp.MetadataUrl(input.App)}), loaded once; its settings are not changed by the run.");
            return;
        }
        var control = context.SpControl;
        var pem = input.Certificate == UploadedCertificate.Other
            ? SigningCertificate.Create("CN=not the IdP", context.Time.GetUtcNow()).Pem
            : idp.CertificatePem(input.App);
        await control.ConfigureSamlAsync(new JsonObject
        {
            ["enabled"] = input.Enabled,
            ["autoProvisioning"] = input.AutoProvisioning,
            ["certificatePem"] = pem,
            ["loginUrl"] = idp.SsoUrl(input.App),
            ["passwordChangeUrl"] = idp.UserConsoleUrl,
            ["logoutUrl"] = idp.UserConsoleUrl,
            ["userIdAttribute"] = input.UserIdAttribute,
            ["emailAttribute"] = input.EmailAttribute,
            ["pickUserIdFromNameId"] = input.PickUserIdFromNameId,
            ["idpEntityId"] = idp.EntityId(input.App),
            ["idpSloUrl"] = idp.SloUrl(input.App),
        }, cancellationToken).ConfigureAwait(false);
        var page = await control.GetSamlAsync(cancellationToken).ConfigureAwait(false);
        context.Remember(new SpSamlPage(page));
        if (page["relayState"]?.GetValue<string>() is { } relayState)
        {
            context.Set(ScenarioValues.SpRelayState, relayState);
        }
        if (page["sloUrl"]?.GetValue<string>() is { } sloUrl)
        {
            context.Set(ScenarioValues.SpSloUrl, sloUrl);
        }
    }
}

/// <summary>What the SP's SAML settings page showed after the last save.</summary>
public sealed record SpSamlPage(JsonObject Page);

public sealed record LoginInput
{
    public required string App { get; init; }

    [Description("Username of the person signing in.")]
    [RunMarked]
    public required string User { get; init; }

    [Description("Defaults to the user's directory password; give another to prove a wrong one is refused.")]
    public string? Password { get; init; }
}

/// <summary>IdP-initiated: "Access the JumpCloud User Console … click an application tile to launch it".</summary>
public sealed class SsoIdpLogin : StepAction<LoginInput>
{
    public override string Name => "sso.idp-login";
    public override string Description => "Signs in to the user console and clicks the application's tile (IdP-initiated SSO, no browser).";

    protected override async Task ExecuteAsync(LoginInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        using var agent = new SsoUserAgent(new Uri(context.Idp.BaseUrl), context, context.Redactor, context.Time);
        var outcome = await SignInAndLaunchAsync(agent, input, context, cancellationToken).ConfigureAwait(false);
        await SsoResult.StoreAsync(context, outcome, agent, input.User, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in at the user console and clicks the tile; stops at the login page when sign-in fails.</summary>
    internal static async Task<SsoOutcome> SignInAndLaunchAsync(SsoUserAgent agent, LoginInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var user = context.Directory.GetUser(input.User);
        var password = input.Password ?? user.Password;
        context.Redactor.AddSecret(password);
        var login = await agent.LoginAsync(user.Username, password, cancellationToken).ConfigureAwait(false);
        return login.Error is not null ? login
            : await agent.LaunchAsync(context.Applications.Find(input.App)?.Id ?? input.App, cancellationToken).ConfigureAwait(false);
    }
}

public sealed record SpLoginInput
{
    [RunMarked]
    public required string User { get; init; }
    public string? Password { get; init; }

    [Description("Defaults to the target's saml.loginUrl.")]
    public string? LoginUrl { get; init; }
}

/// <summary>SP-initiated: "Login redirects the user to JumpCloud where the user enters their JumpCloud credentials".</summary>
public sealed class SsoSpLogin : StepAction<SpLoginInput>
{
    public override string Name => "sso.sp-login";
    public override IReadOnlyList<string> Needs => [Capability.Saml, Capability.SamlSpInitiated];
    public override string Description => "Opens the SP's login link, signs in at the IdP and follows the Response back (SP-initiated SSO, no browser).";

    protected override async Task ExecuteAsync(SpLoginInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var idp = context.Idp;
        var user = context.Directory.GetUser(input.User);
        var password = input.Password ?? user.Password;
        context.Redactor.AddSecret(password);
        var loginUrl = input.LoginUrl ?? context.Target.Saml?.LoginUrl ?? throw new InvalidOperationException("the target declares no saml.loginUrl");
        using var agent = new SsoUserAgent(new Uri(idp.BaseUrl), context, context.Redactor, context.Time);
        var outcome = await agent.StartAtSpAsync(new Uri(loginUrl), user.Username, password, cancellationToken).ConfigureAwait(false);
        await SsoResult.StoreAsync(context, outcome, agent, input.User, cancellationToken).ConfigureAwait(false);
    }
}

public sealed class SsoDeactivate : StepAction<AppAdminInput>
{
    public override string Name => "sso.deactivate";
    public override string Description => "Deactivate SSO: launches and SP-initiated requests are then refused with no assertion.";

    protected override Task ExecuteAsync(AppAdminInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        if (input.Via == AdminDoor.Portal)
        {
            return PortalDoor.WalkAsync(context, "portal-deactivate-sso", page => PortalClicks.DeactivateAsync(page, context.Applications.Get(input.App).DisplayLabel, "sso"));
        }
        context.Idp.DeactivateSso(input.App);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The IdP's certificate of the application is replaced and the SP is not given the new one: it must refuse what the
/// new key signs ("In Certificate Path, click CHOOSE FILE to locate and upload the certificate"), with no SP change.
/// </summary>
public sealed class SsoReplaceCertificate : StepAction<AppInput>
{
    public override string Name => "sso.replace-certificate";
    public override IReadOnlyList<string> Needs => [Capability.Saml];
    public override string Description => "Replaces the application's IdP signing certificate without giving the new one to the SP.";

    protected override Task ExecuteAsync(AppInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var thumbprint = context.Idp.ReplaceCertificate(input.App);
        context.Note($"The IdP now signs '{input.App}' with a new certificate (thumbprint {thumbprint}) that the SP was never given.");
        return Task.CompletedTask;
    }
}

/// <summary>The last SSO attempt of a scenario and what the SP made of it, for the sso.* conditions.</summary>
public sealed record SsoResult(SsoOutcome Outcome, LoginVerdict Verdict)
{
    /// <summary>After single logout: whether the target's session page says the SP session is gone (null: no session probe URL).</summary>
    public bool? SessionEnded { get; init; }

    /// <summary>Judges the attempt while the agent still holds the login's cookies (the session probe needs them).</summary>
    internal static async Task StoreAsync(ScenarioContext context, SsoOutcome outcome, SsoUserAgent agent, string username, CancellationToken cancellationToken)
    {
        var user = context.Directory.FindUser(username);
        string?[] identities = [NameIdOf(outcome.ResponseXml), user?.Email, user?.Username];
        var verdict = await LoginJudge.JudgeAsync(outcome, context.Target.Saml, [.. identities.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)], agent, cancellationToken).ConfigureAwait(false);
        Store(context, outcome, verdict);
        if (outcome.ResponseDelivered)
        {
            context.Note($"Login {verdict.Word}{(verdict.User is null ? "" : $" as '{verdict.User}'")}: {verdict.Evidence}");
        }
    }

    /// <summary>For a walk that delivered no Response (single logout): nothing for the SP to decide.</summary>
    internal static void Store(ScenarioContext context, SsoOutcome outcome, LoginVerdict? verdict = null)
    {
        context.Remember(new SsoResult(outcome, verdict ?? new LoginVerdict(LoginDecision.NotDelivered, null, "no Response in this walk")));
        context.Note($"SSO: {string.Join(" → ", outcome.Hops.Select(h => $"{h.Method} {h.Url} {h.Status}"))}{(outcome.Error is null ? "" : $" — error: {outcome.Error}")}");
    }

    internal static string? NameIdOf(string? responseXml)
    {
        if (responseXml is null)
        {
            return null;
        }
        try
        {
            var document = Checks.SafeXmlDocument.Load(responseXml);
            var names = new System.Xml.XmlNamespaceManager(document.NameTable);
            names.AddNamespace("a", "urn:oasis:names:tc:SAML:2.0:assertion");
            return document.SelectSingleNode("//a:Assertion/a:Subject/a:NameID", names)?.InnerText.Trim();
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
