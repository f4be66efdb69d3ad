using Conformance.Core.Applications;
using Conformance.Core.Saml;
using Conformance.IdP.Pages;
using Conformance.IdP.Sessions;
using Conformance.Saml;
using Conformance.Saml.Bindings;
using Conformance.Saml.Protocol;
using Conformance.Saml.Responses;
using Conformance.Saml.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conformance.IdP.Sso;

/// <summary>The SSO IdP URL (https://sso.jumpcloud.com/saml2/{custom_value}) and what hangs off it.</summary>
internal sealed class SamlEndpoints(IdpState state)
{
    public async Task SsoAsync(HttpContext context)
    {
        var app = state.BySuffix(context.GetRouteValue("suffix") as string);
        if (app is null)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }
        var isPost = HttpMethods.IsPost(context.Request.Method);
        var form = isPost && context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        var hasRequest = form is null ? context.Request.Query.ContainsKey(BindingFields.SamlRequest) : form.ContainsKey(BindingFields.SamlRequest);
        if (!hasRequest)
        {
            // The IdP URL without a SAMLRequest is an IdP-initiated launch, as the user console tile is.
            await LaunchAsync(context, app).ConfigureAwait(false);
            return;
        }

        var settings = state.Registry.Find(app.Id);
        byte[] xml;
        string? relayState;
        RedirectMessage? redirect = null;
        try
        {
            if (form is null)
            {
                redirect = RedirectBinding.Parse(context.Request.QueryString.Value ?? "");
                (xml, relayState) = (redirect.Xml, redirect.RelayState);
            }
            else
            {
                (xml, relayState) = (PostBinding.Decode(form[BindingFields.SamlRequest].ToString()), form[BindingFields.RelayState].FirstOrDefault());
            }
        }
        catch (SamlMessageException ex)
        {
            await Html.ErrorAsync(context, 400, "SAML error", $"The SAMLRequest cannot be decoded: {ex.Message}").ConfigureAwait(false);
            return;
        }
        state.Record(SamlMessageKind.AuthnRequest, xml, app, settings, state.SsoUrl(app), relayState, signedByUs: false);

        AuthnRequestMessage request;
        try
        {
            request = AuthnRequestMessage.Parse(xml);
        }
        catch (SamlMessageException ex)
        {
            await Html.ErrorAsync(context, 400, "SAML error", $"The AuthnRequest is refused: {ex.Message}").ConfigureAwait(false);
            return;
        }
        var refusal = Refusal(app, settings, request, redirect);
        if (refusal is not null)
        {
            await Html.ErrorAsync(context, refusal.Value.Status, "SAML error", refusal.Value.Message).ConfigureAwait(false);
            return;
        }

        var pending = new PendingSso(app.Id, request, relayState);
        var session = state.CurrentSession(context);
        if (session is null || request.ForceAuthn)
        {
            // "Login redirects the user to JumpCloud where the user enters their JumpCloud credentials"
            context.Response.Redirect("/login?pending=" + Uri.EscapeDataString(state.Sessions.Park(pending)));
            return;
        }
        await IssueAsync(context, app, settings!, session, request.Id, relayState).ConfigureAwait(false);
    }

    /// <summary>Continues an SP-initiated request once the user has signed in.</summary>
    public async Task ResumeAsync(HttpContext context)
    {
        var session = state.CurrentSession(context);
        var pending = state.Sessions.Take(context.GetRouteValue("token") as string ?? "");
        var app = pending is null ? null : state.Options.Catalog.Find(pending.AppId);
        var settings = app is null ? null : state.Registry.Find(app.Id);
        if (pending is null || app is null || settings is null)
        {
            await Html.ErrorAsync(context, 400, "SAML error", "This sign-in request is unknown or was already used; start again from the application.").ConfigureAwait(false);
            return;
        }
        if (session is null)
        {
            context.Response.Redirect("/login?pending=" + Uri.EscapeDataString(state.Sessions.Park(pending)));
            return;
        }
        // The request may have aged or the app changed while the user was typing.
        var refusal = Refusal(app, settings, pending.Request, redirect: null);
        if (refusal is not null)
        {
            await Html.ErrorAsync(context, refusal.Value.Status, "SAML error", refusal.Value.Message).ConfigureAwait(false);
            return;
        }
        await IssueAsync(context, app, settings, session, pending.Request.Id, pending.RelayState).ConfigureAwait(false);
    }

    /// <summary>IdP-initiated: the Response goes to the registered ACS with the Target URL as RelayState.</summary>
    public async Task LaunchAsync(HttpContext context, Application app)
    {
        var session = state.CurrentSession(context);
        if (session is null)
        {
            context.Response.Redirect("/login?return=" + Uri.EscapeDataString($"/userconsole/launch/{app.Id}"));
            return;
        }
        var settings = state.Registry.Find(app.Id);
        var refusal = SettingsRefusal(app, settings);
        if (refusal is not null)
        {
            await Html.ErrorAsync(context, refusal.Value.Status, "SAML error", refusal.Value.Message).ConfigureAwait(false);
            return;
        }
        await IssueAsync(context, app, settings!, session, inResponseTo: null, settings!.TargetUrl).ConfigureAwait(false);
    }

    public async Task MetadataAsync(HttpContext context)
    {
        var app = state.BySuffix(context.GetRouteValue("suffix") as string);
        if (app is null)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "application/samlmetadata+xml; charset=utf-8";
        await context.Response.WriteAsync(MetadataXml(app), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>"Click Actions > Download Certificate. The certificate.pem will download to your local Downloads folder."</summary>
    public async Task CertificateAsync(HttpContext context)
    {
        var app = state.BySuffix(context.GetRouteValue("suffix") as string);
        if (app is null)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "application/x-pem-file";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"certificate.pem\"";
        await context.Response.WriteAsync(state.Registry.Certificate(app).Pem, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Single logout, HTTP-Redirect binding: an SP's LogoutRequest or LogoutResponse, or an IdP-initiated logout.</summary>
    public async Task SloAsync(HttpContext context)
    {
        var app = state.BySuffix(context.GetRouteValue("suffix") as string);
        var settings = app is null ? null : state.Registry.Find(app.Id);
        if (app is null || settings is null)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }
        var query = context.Request.Query;
        try
        {
            if (query.ContainsKey(BindingFields.SamlRequest))
            {
                await SpLogoutRequestAsync(context, app, settings).ConfigureAwait(false);
            }
            else if (query.ContainsKey(BindingFields.SamlResponse))
            {
                await SpLogoutResponseAsync(context, app, settings).ConfigureAwait(false);
            }
            else
            {
                await IdpInitiatedLogoutAsync(context, app, settings).ConfigureAwait(false);
            }
        }
        catch (SamlMessageException ex)
        {
            await Html.ErrorAsync(context, 400, "SAML error", $"The logout message is refused: {ex.Message}").ConfigureAwait(false);
        }
    }

    public string MetadataXml(Application app) =>
        new Conformance.Saml.Metadata.IdpMetadata(state.EntityId(app), state.SsoUrl(app), state.SloUrl(app), state.Registry.Certificate(app).Certificate).ToXml();

    private async Task IssueAsync(HttpContext context, Application app, SsoSettings settings, IdpSession session, string? inResponseTo, string? relayState)
    {
        var user = state.Options.Directory.FindUser(session.UserId);
        if (user is null || !user.Active)
        {
            state.Sessions.End(session.Id);
            await Html.ErrorAsync(context, 403, "Access denied", "Your JumpCloud account is suspended or no longer exists.").ConfigureAwait(false);
            return;
        }
        if (!state.Options.Catalog.IsAuthorized(app.Id, user.Id))
        {
            await Html.ErrorAsync(context, 403, "Access denied",
                $"You are not authorized to use {app.DisplayLabel}. Users are implicitly denied access to applications: "
                + "ask your administrator to bind one of your user groups to it.").ConfigureAwait(false);
            return;
        }
        var spec = state.ResponseSpec(app, settings, user, inResponseTo, session.AuthnInstant, session.SessionIndex);
        if (spec is null)
        {
            await Html.ErrorAsync(context, 500, "SAML error",
                $"Your account has no {settings.NameIdSource}, which {app.DisplayLabel} uses as NameID.").ConfigureAwait(false);
            return;
        }
        var nameId = spec.NameId;
        var built = ResponseBuilder.Build(spec, state.Registry.Certificate(app).Certificate);
        session.Issued[app.Id] = new IssuedName(nameId, settings.NameIdFormat);
        state.Record(SamlMessageKind.Response, built.Xml, app, settings, settings.AcsUrl, relayState, signedByUs: settings.Signing != SignedParts.None);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(PostBinding.AutoSubmitPage(settings.AcsUrl, BindingFields.SamlResponse, built.Xml, relayState), context.RequestAborted).ConfigureAwait(false);
    }

    private (int Status, string Message)? Refusal(Application app, SsoSettings? settings, AuthnRequestMessage request, RedirectMessage? redirect)
    {
        var refusal = SettingsRefusal(app, settings);
        if (refusal is not null)
        {
            return refusal;
        }
        if (request.Issuer is not null && !string.Equals(request.Issuer, settings!.SpEntityId, StringComparison.Ordinal))
        {
            return (400, $"The AuthnRequest comes from '{request.Issuer}', but {app.DisplayLabel} is registered for SP entity ID '{settings.SpEntityId}'.");
        }
        // No open redirect: a Response only ever goes to the ACS URL on the SSO tab.
        if (request.AssertionConsumerServiceUrl is not null && !string.Equals(request.AssertionConsumerServiceUrl, settings!.AcsUrl, StringComparison.Ordinal))
        {
            return (400, $"The AuthnRequest asks for ACS URL '{request.AssertionConsumerServiceUrl}', which is not the registered ACS URL of {app.DisplayLabel}; no assertion is sent.");
        }
        if (request.ProtocolBinding is not null && request.ProtocolBinding != SamlNames.HttpPostBinding)
        {
            return (400, $"The AuthnRequest asks for the {request.ProtocolBinding} binding; this IdP answers by HTTP-POST only.");
        }
        var age = state.Options.Time.GetUtcNow() - request.IssueInstant;
        if (age > state.Options.AuthnRequestMaxAge || -age > state.Options.AuthnRequestMaxAge)
        {
            return (400, $"The AuthnRequest was issued at {request.IssueInstant:O}, more than {state.Options.AuthnRequestMaxAge.TotalMinutes:0} minutes from now; start again from the application.");
        }
        if (redirect is { IsSigned: true } && settings!.SpCertificatePem is not null)
        {
            using var certificate = SigningCertificate.LoadPem(settings.SpCertificatePem);
            if (!redirect.VerifySignature(certificate))
            {
                return (400, "The AuthnRequest signature does not verify with the SP certificate on the SSO tab.");
            }
        }
        return null;
    }

    private static (int Status, string Message)? SettingsRefusal(Application app, SsoSettings? settings) =>
        settings is null ? (403, $"SSO is not configured for {app.DisplayLabel}.")
        : !settings.Active ? (403, $"SSO is deactivated for {app.DisplayLabel}: no assertion is issued.")
        : null;

    private async Task SpLogoutRequestAsync(HttpContext context, Application app, SsoSettings settings)
    {
        var message = RedirectBinding.Parse(context.Request.QueryString.Value ?? "");
        var request = LogoutRequestMessage.Parse(message.Xml);
        if (!string.Equals(request.Issuer, settings.SpEntityId, StringComparison.Ordinal))
        {
            throw new SamlMessageException($"LogoutRequest Issuer '{request.Issuer}' is not the SP entity ID '{settings.SpEntityId}'.");
        }
        if (message.IsSigned && settings.SpCertificatePem is not null)
        {
            using var certificate = SigningCertificate.LoadPem(settings.SpCertificatePem);
            if (!message.VerifySignature(certificate))
            {
                throw new SamlMessageException("The LogoutRequest signature does not verify with the SP certificate on the SSO tab.");
            }
        }
        EndSession(context);
        if (settings.SloUrl is null)
        {
            await Html.WriteAsync(context, 200, "Signed out", "<p id=\"signed-out\">You are signed out of JumpCloud. The application has no SLO URL to answer to.</p>").ConfigureAwait(false);
            return;
        }
        var response = new LogoutResponseMessage
        {
            Id = SamlIds.New(),
            IssueInstant = state.Options.Time.GetUtcNow(),
            Issuer = state.EntityId(app),
            Destination = settings.SloUrl,
            InResponseTo = request.Id,
        }.ToXml();
        state.Record(SamlMessageKind.LogoutResponse, response, app, settings, settings.SloUrl, message.RelayState, signedByUs: true);
        context.Response.Redirect(RedirectBinding.Url(settings.SloUrl, BindingFields.SamlResponse, response, message.RelayState, state.Registry.Certificate(app).Certificate));
    }

    private static async Task SpLogoutResponseAsync(HttpContext context, Application app, SsoSettings settings)
    {
        var response = LogoutResponseMessage.Parse(RedirectBinding.Parse(context.Request.QueryString.Value ?? "").Xml);
        if (!string.Equals(response.Issuer, settings.SpEntityId, StringComparison.Ordinal))
        {
            throw new SamlMessageException($"LogoutResponse Issuer '{response.Issuer}' is not the SP entity ID '{settings.SpEntityId}'.");
        }
        var text = response.Succeeded
            ? $"You are signed out of JumpCloud and {app.DisplayLabel}."
            : $"You are signed out of JumpCloud; {app.DisplayLabel} answered {response.StatusCode}.";
        await Html.WriteAsync(context, 200, "Signed out", $"<p id=\"signed-out\">{Html.E(text)}</p><p><a href=\"/login\">Log in again</a></p>").ConfigureAwait(false);
    }

    private async Task IdpInitiatedLogoutAsync(HttpContext context, Application app, SsoSettings settings)
    {
        var session = state.CurrentSession(context);
        EndSession(context);
        var user = session is null ? null : state.Options.Directory.FindUser(session.UserId);
        var issued = session is null ? null
            : session.Issued.GetValueOrDefault(app.Id)
              ?? (user is null ? null : UserProperties.Get(user, settings.NameIdSource) is { } nameId ? new IssuedName(nameId, settings.NameIdFormat) : null);
        if (session is null || issued is null || settings.SloUrl is null)
        {
            await Html.WriteAsync(context, 200, "Signed out", "<p id=\"signed-out\">You are signed out of JumpCloud.</p><p><a href=\"/login\">Log in again</a></p>").ConfigureAwait(false);
            return;
        }
        var request = new LogoutRequestMessage
        {
            Id = SamlIds.New(),
            IssueInstant = state.Options.Time.GetUtcNow(),
            Issuer = state.EntityId(app),
            Destination = settings.SloUrl,
            NameId = issued.NameId,
            NameIdFormat = issued.Format,
            SessionIndexes = [session.SessionIndex],
        }.ToXml();
        state.Record(SamlMessageKind.LogoutRequest, request, app, settings, settings.SloUrl, relayState: null, signedByUs: true);
        context.Response.Redirect(RedirectBinding.Url(settings.SloUrl, BindingFields.SamlRequest, request, relayState: null, state.Registry.Certificate(app).Certificate));
    }

    private void EndSession(HttpContext context)
    {
        state.Sessions.End(context.Request.Cookies[SessionStore.CookieName]);
        context.Response.Cookies.Delete(SessionStore.CookieName);
    }

    private static Task NotFoundAsync(HttpContext context) =>
        Html.ErrorAsync(context, 404, "Not found", "No application uses this IdP URL. It may have been deleted.");
}
