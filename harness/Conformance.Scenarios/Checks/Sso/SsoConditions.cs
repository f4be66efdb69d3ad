using System.ComponentModel;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using Conformance.Core.Http;
using Conformance.Saml.Signing;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps.Apps;
using Conformance.Scenarios.Steps.Sso;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Checks.Sso;

public enum SsoField
{
    [Description("Whether a SAML Response reached the ACS (true/false).")]
    Delivered,

    [Description("The HTTP status the ACS answered the Response with.")]
    AcsStatus,

    [Description("The status of the last page reached.")]
    FinalStatus,

    [Description("The #error text of the last page (IdP refusal, SP refusal, wrong password).")]
    Error,

    [Description("What the SP made of the Response, read from plain HTTP: accepted, refused, inconclusive (never a pass) or not-delivered.")]
    Login,

    [Description("Who the SP logged in: the target's saml.session probe, or the identity the landing page names; null unless accepted.")]
    SessionUser,

    [Description("The RelayState posted with the Response.")]
    RelayState,

    [Description("The #signed-out text of the last page (single logout), null when there is none.")]
    SignedOut,

    [Description("After sso.logout: true when the target's session page (saml.session.url) no longer shows a session; inconclusive without one.")]
    SessionEnded,

    [Description("The ACS URL the Response was posted to.")]
    AcsUrl,

    [Description("The URL of the last page reached, after the SP's redirects.")]
    FinalUrl,
}

public sealed record SsoResultInput
{
    public required SsoField Field { get; init; }
}

/// <summary>What the last SSO attempt of the scenario (sso.idp-login, sso.sp-login) came to.</summary>
public sealed class SsoResultCondition : Condition<SsoResultInput>
{
    public override string Name => "sso.result";
    public override string Description { get; } = "A field of the last SSO attempt: " + string.Join(", ", Loading.InputBinder.EnumNames(typeof(SsoField)).Select(n => n.Yaml)) + ".";

    protected override Task<Observation> ObserveAsync(SsoResultInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var result = context.Outcome<SsoResult>();
        var (outcome, verdict) = result;
        JsonNode? value = input.Field switch
        {
            SsoField.Delivered => outcome.ResponseDelivered,
            SsoField.Login => verdict.Word,
            SsoField.SessionUser => verdict.User,
            SsoField.AcsStatus => outcome.AcsStatus,
            SsoField.FinalStatus => outcome.FinalStatus,
            SsoField.Error => outcome.Error,
            SsoField.RelayState => outcome.RelayState,
            SsoField.SignedOut => Conformance.IdP.Agent.HtmlForms.TextById(outcome.FinalBody, "signed-out"),
            SsoField.SessionEnded => result.SessionEnded,
            SsoField.AcsUrl => outcome.AcsUrl,
            _ => outcome.FinalUrl,
        };
        if (input.Field == SsoField.SessionEnded)
        {
            return Task.FromResult(result.SessionEnded is null
                ? new Observation(null, "the SP's session page (saml.session.url) gave no answer, or the target has none", Inconclusive: true)
                : new Observation(result.SessionEnded, $"the SP's session page {(result.SessionEnded == true ? "no longer shows" : "still shows")} a session"));
        }
        if (input.Field is SsoField.Login or SsoField.SessionUser)
        {
            return Task.FromResult(new Observation(value, $"login {verdict.Word}: {verdict.Evidence}", Inconclusive: verdict.Decision == LoginDecision.Inconclusive));
        }
        return Task.FromResult(new Observation(value, $"last page {outcome.FinalUrl} ({outcome.FinalStatus}){(outcome.Error is null ? "" : ": " + outcome.Error)}"));
    }
}

public enum ResponseField
{
    Issuer,
    AssertionIssuer,
    Destination,
    NameId,
    NameIdFormat,
    Audience,
    Recipient,
    InResponseTo,

    [Description("true when the Response's InResponseTo is the ID of the last AuthnRequest the IdP received (SP-initiated), false otherwise.")]
    InResponseToRequest,

    SessionIndex,

    [Description("The values of the attribute named in 'attribute'.")]
    Attribute,

    [Description("Attribute names in the AttributeStatement.")]
    AttributeNames,

    [Description("valid/invalid/absent for the Response signature, checked against the application's certificate only.")]
    ResponseSignature,

    [Description("valid/invalid/absent for the Assertion signature, checked against the application's certificate only.")]
    AssertionSignature,

    [Description("The SignatureMethod algorithm URIs used.")]
    SignatureAlgorithms,

    [Description("The CanonicalizationMethod and Transform algorithm URIs used.")]
    Canonicalizations,
}

public sealed record ResponseInput
{
    public required ResponseField Field { get; init; }

    [Description("For field 'attribute': the attribute Name.")]
    public string? Attribute { get; init; }

    [Description("For the signature fields: the application whose certificate is trusted.")]
    public string? App { get; init; }
}

/// <summary>Reads the last SAML Response the IdP delivered, exactly as sent (SAML Core 2.0, Profiles 4.1.4.2).</summary>
public sealed class SamlResponseCondition : Condition<ResponseInput>
{
    private const string P = "urn:oasis:names:tc:SAML:2.0:protocol";
    private const string A = "urn:oasis:names:tc:SAML:2.0:assertion";
    private const string D = "http://www.w3.org/2000/09/xmldsig#";

    public override string Name => "saml.response";
    public override string Description => "A field of the last SAML Response delivered: issuer, destination, nameId, audience, recipient, inResponseTo, attributes, signatures.";

    protected override Task<Observation> ObserveAsync(ResponseInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var xml = context.Outcome<SsoResult>().Outcome.ResponseXml;
        if (xml is null)
        {
            return Task.FromResult(new Observation(null, "no Response was delivered"));
        }
        if (input.Field is ResponseField.ResponseSignature or ResponseField.AssertionSignature)
        {
            var app = input.App ?? throw new ArgumentException("signature fields need 'app' (whose certificate is trusted)");
            using var certificate = X509Certificate2.CreateFromPem(context.Idp.CertificatePem(app));
            var report = SignatureVerifier.Verify(Encoding.UTF8.GetBytes(xml), certificate);
            var status = input.Field == ResponseField.ResponseSignature ? report.Response : report.Assertion;
            return Task.FromResult(new Observation(status.ToString().ToLowerInvariant(), string.Join(" ", report.Problems)));
        }
        var document = SafeXmlDocument.Load(xml);
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("p", P);
        ns.AddNamespace("a", A);
        ns.AddNamespace("d", D);
        string? Text(string xpath) => document.SelectSingleNode(xpath, ns)?.Value;
        JsonNode? value = input.Field switch
        {
            ResponseField.Issuer => Text("/p:Response/a:Issuer/text()"),
            ResponseField.AssertionIssuer => Text("/p:Response/a:Assertion/a:Issuer/text()"),
            ResponseField.Destination => Text("/p:Response/@Destination"),
            ResponseField.NameId => Text("/p:Response/a:Assertion/a:Subject/a:NameID/text()"),
            ResponseField.NameIdFormat => Text("/p:Response/a:Assertion/a:Subject/a:NameID/@Format"),
            ResponseField.Audience => Text("/p:Response/a:Assertion/a:Conditions/a:AudienceRestriction/a:Audience/text()"),
            ResponseField.Recipient => Text("/p:Response/a:Assertion/a:Subject/a:SubjectConfirmation/a:SubjectConfirmationData/@Recipient"),
            ResponseField.InResponseTo => Text("/p:Response/a:Assertion/a:Subject/a:SubjectConfirmation/a:SubjectConfirmationData/@InResponseTo"),
            ResponseField.InResponseToRequest => LastAuthnRequestId(context) is { } requestId
                && Text("/p:Response/a:Assertion/a:Subject/a:SubjectConfirmation/a:SubjectConfirmationData/@InResponseTo") == requestId
                && Text("/p:Response/@InResponseTo") == requestId,
            ResponseField.SessionIndex => Text("/p:Response/a:Assertion/a:AuthnStatement/@SessionIndex"),
            ResponseField.Attribute => Values(document.SelectNodes($"/p:Response/a:Assertion/a:AttributeStatement/a:Attribute[@Name='{input.Attribute}']/a:AttributeValue/text()", ns)),
            ResponseField.AttributeNames => Values(document.SelectNodes("/p:Response/a:Assertion/a:AttributeStatement/a:Attribute/@Name", ns)),
            ResponseField.SignatureAlgorithms => Values(document.SelectNodes("//d:SignatureMethod/@Algorithm|//d:DigestMethod/@Algorithm", ns), distinct: true),
            _ => Values(document.SelectNodes("//d:CanonicalizationMethod/@Algorithm|//d:Transform/@Algorithm", ns), distinct: true),
        };
        var detail = input.Field == ResponseField.InResponseToRequest
            ? $"AuthnRequest ID {LastAuthnRequestId(context) ?? "(none received)"}; Response InResponseTo {Text("/p:Response/@InResponseTo") ?? "(absent)"}, SubjectConfirmationData InResponseTo {Text("/p:Response/a:Assertion/a:Subject/a:SubjectConfirmation/a:SubjectConfirmationData/@InResponseTo") ?? "(absent)"}"
            : null;
        return Task.FromResult(new Observation(value, detail));
    }

    /// <summary>The ID of the last AuthnRequest the IdP received in this scenario (SAML Core 3.2.1).</summary>
    private static string? LastAuthnRequestId(ScenarioContext context)
    {
        var request = context.SamlMessages.All.LastOrDefault(m => m.Kind == Conformance.Core.Saml.SamlMessageKind.AuthnRequest);
        if (request is null)
        {
            return null;
        }
        return SafeXmlDocument.Load(new MemoryStream(request.Xml)).DocumentElement?.GetAttribute("ID");
    }

    private static JsonArray Values(XmlNodeList? nodes, bool distinct = false)
    {
        var values = (nodes?.Cast<XmlNode>() ?? []).Select(n => n.Value ?? "");
        return new JsonArray([.. (distinct ? values.Distinct(StringComparer.Ordinal) : values).Select(v => (JsonNode)v)]);
    }
}

public sealed record SessionsInput
{
    [Description("Count only sessions of this user id (NameID or attribute value the SP picked); all when absent.")]
    [RunMarked]
    public string? User { get; init; }

    [Description("Count only sessions whose email (from the attribute the SP's Email field names) is this.")]
    public string? Email { get; init; }

    [Description("true: only sessions still open; false: only sessions a single logout ended; all when absent.")]
    public bool? Active { get; init; }
}

/// <summary>How many logins the SP accepted, read from the SP's control API.</summary>
public sealed class SpSessions : Condition<SessionsInput>
{
    public override string Name => "sp.sessions";
    public override Observed Observes => Observed.Number;
    public override IReadOnlyList<string> Needs => [Capability.OfControl("sessions")];
    public override string Description => "How many sessions the SP opened (optionally for one user), from its control API.";

    protected override async Task<Observation> ObserveAsync(SessionsInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var sessions = await context.SpControl.SessionsAsync(cancellationToken).ConfigureAwait(false);
        var matching = sessions.Where(s => input.User is null
            || string.Equals(s?["userId"]?.ToString(), input.User, StringComparison.OrdinalIgnoreCase)
            || string.Equals(s?["nameId"]?.ToString(), input.User, StringComparison.OrdinalIgnoreCase))
            .Where(s => input.Email is null || string.Equals(s?["email"]?.ToString(), input.Email, StringComparison.OrdinalIgnoreCase))
            .Where(s => input.Active is null || (s?["endedAt"] is null) == input.Active).ToList();
        return new Observation(matching.Count, $"sessions: {string.Join(", ", sessions.Select(s => $"{s?["userId"]}{(input.Email is null ? "" : $" ({s?["email"]})")}"))}");
    }
}

public sealed record SpSamlPageInput
{
    [Description("A field of the SP's SAML settings page: loginUrl, passwordChangeUrl, logoutUrl, relayState, entityId, acsUrl, …")]
    public required string Field { get; init; }
}

public sealed class SpSamlPageCondition : Condition<SpSamlPageInput>
{
    public override string Name => "sp.saml-settings";
    public override IReadOnlyList<string> Needs => [Capability.OfControl(Capability.Saml)];
    public override string Description => "A field of the SP's SAML settings page as saved by sp.configure-saml.";

    protected override Task<Observation> ObserveAsync(SpSamlPageInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var page = context.Outcome<SpSamlPage>().Page;
        var value = page[input.Field] ?? (page["settings"] as JsonObject)?[input.Field];
        return Task.FromResult(new Observation(value?.DeepClone()));
    }
}

/// <summary>"Click Actions > Download Certificate." — the download must be the key the metadata publishes.</summary>
public sealed class IdpCertificateConsistent : Condition<AppInput>
{
    public override string Name => "idp.certificate-matches-metadata";
    public override Observed Observes => Observed.Boolean;
    public override string Description => "Downloads certificate.pem and the IdP metadata over HTTP; true when the metadata's signing key is that certificate.";

    protected override async Task<Observation> ObserveAsync(AppInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var idp = context.Idp;
        using var http = context.EvidenceClient(Channels.Saml);
        var pem = await http.GetStringAsync(new Uri(idp.CertificateUrl(input.App)), cancellationToken).ConfigureAwait(false);
        var metadata = SafeXmlDocument.Load(await http.GetStringAsync(new Uri(idp.MetadataUrl(input.App)), cancellationToken).ConfigureAwait(false));
        using var downloaded = X509Certificate2.CreateFromPem(pem);
        var ns = new XmlNamespaceManager(metadata.NameTable);
        ns.AddNamespace("md", Conformance.Saml.SamlNames.Metadata);
        ns.AddNamespace("ds", Conformance.Saml.SamlNames.XmlDsig);
        // SAML Metadata 2.4.1.1: a KeyDescriptor without use, or with use="signing", carries the signing key.
        var published = metadata.SelectNodes("//md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)?
            .Cast<XmlNode>().Select(n => string.Concat(n.InnerText.Where(c => !char.IsWhiteSpace(c)))).ToList() ?? [];
        var same = published.Contains(Convert.ToBase64String(downloaded.RawData), StringComparer.Ordinal);
        return new Observation(same, $"certificate.pem subject {downloaded.Subject}, thumbprint {downloaded.Thumbprint}; the metadata publishes {published.Count} signing certificate(s)");
    }
}
