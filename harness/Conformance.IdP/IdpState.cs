using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Saml;
using Conformance.IdP.Sessions;
using Conformance.IdP.Sso;
using Conformance.Saml.Responses;
using Microsoft.AspNetCore.Http;

namespace Conformance.IdP;

/// <summary>What every endpoint of one running IdP shares.</summary>
internal sealed class IdpState(MockIdpOptions options, SsoRegistry registry, SessionStore sessions)
{
    public MockIdpOptions Options => options;
    public SsoRegistry Registry => registry;
    public SessionStore Sessions => sessions;

    /// <summary>http://127.0.0.1:{port}, known once Kestrel has bound.</summary>
    public string BaseUrl { get; set; } = "";

    public Application? BySuffix(string? suffix) =>
        suffix is null ? null : options.Catalog.Applications.FirstOrDefault(a => string.Equals(UrlEnd(a), suffix, StringComparison.Ordinal));

    public string SsoUrl(Application app) => $"{BaseUrl}/saml2/{UrlEnd(app)}";

    public string SloUrl(Application app) => $"{SsoUrl(app)}/slo";

    public string EntityId(Application app) =>
        options.EntityIdTemplate.Replace("{base}", BaseUrl, StringComparison.Ordinal).Replace("{suffix}", UrlEnd(app), StringComparison.Ordinal);

    /// <summary>The end of the application's IdP URL: its custom suffix (or, with that rule off, its lower-cased name).</summary>
    private string UrlEnd(Application app) =>
        options.Rules.SsoUrlEndsWithSuffix ? app.SsoSuffix : Uri.EscapeDataString(app.Name.ToLowerInvariant());

    public IdpSession? CurrentSession(HttpContext context) =>
        sessions.Find(context.Request.Cookies[SessionStore.CookieName]);

    public void Record(SamlMessageKind kind, byte[] xml, Application app, SsoSettings? settings, string destination, string? relayState, bool signedByUs) =>
        options.Sink.Record(new SamlMessageRecord
        {
            Kind = kind,
            Xml = xml,
            CertificatePem = signedByUs ? registry.Certificate(app).Pem : null,
            IdpEntityId = EntityId(app),
            SpEntityId = settings?.SpEntityId ?? "",
            Destination = destination,
            RelayState = relayState,
            ApplicationId = app.Id,
            At = options.Time.GetUtcNow(),
        });

    /// <summary>
    /// The Response the IdP issues to <paramref name="user"/> for the application, as its SSO tab says
    /// (NameID source and format, attribute statements, signing); null when the user lacks the NameID property.
    /// </summary>
    public ResponseSpec? ResponseSpec(Application app, SsoSettings settings, DirectoryUser user, string? inResponseTo, DateTimeOffset? authnInstant, string sessionIndex)
    {
        var nameId = UserProperties.Get(user, settings.NameIdSource);
        return nameId is null ? null : new ResponseSpec
        {
            IdpEntityId = EntityId(app),
            AcsUrl = settings.AcsUrl,
            Audience = settings.SpEntityId,
            NameId = nameId,
            NameIdFormat = settings.NameIdFormat,
            InResponseTo = inResponseTo,
            IssueInstant = options.Time.GetUtcNow(),
            AuthnInstant = authnInstant,
            SessionIndex = sessionIndex,
            Lifetime = options.AssertionLifetime,
            Signing = settings.Signing,
            Attributes =
            [
                .. settings.Attributes
                    .Select(a => (a.Name, Value: UserProperties.Get(user, a.UserProperty)))
                    .Where(a => a.Value is not null)
                    .Select(a => new AttributeClaim(a.Name, a.Value!)),
            ],
        };
    }
}
