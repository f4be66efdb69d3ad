using BlueJeans.Stub.Http;
using Microsoft.AspNetCore.WebUtilities;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BlueJeans.Stub.Saml;

/// <summary>The browser-facing pages: home, SP-initiated login link, ACS, SP metadata.</summary>
internal sealed class SamlEndpoints(SamlServiceProvider sp, SingleLogout logout)
{
    private const string SessionCookie = "bjn_session";

    public void Register(WireMockServer server)
    {
        server.Given(Request.Create().WithPath(StubPaths.Acs).UsingPost())
            .RespondWith(Response.Create().WithCallback(Acs));
        server.Given(Request.Create().WithPath(StubPaths.Login).UsingGet())
            .RespondWith(Response.Create().WithCallback(_ => Login()));
        server.Given(Request.Create().WithPath(StubPaths.SignOut).UsingGet())
            .RespondWith(Response.Create().WithCallback(SignOut));
        server.Given(Request.Create().WithPath(StubPaths.Metadata).UsingGet())
            .RespondWith(Response.Create().WithCallback(_ => StubResponses.Text(200, sp.Metadata(), "application/samlmetadata+xml")));
        server.Given(Request.Create().WithPath(StubPaths.Slo).UsingGet())
            .RespondWith(Response.Create().WithCallback(Slo));
        server.Given(Request.Create().WithPath("/").UsingGet())
            .RespondWith(Response.Create().WithCallback(_ => StubResponses.Html(200, "BlueJeans",
                $"<h1>BlueJeans (stub)</h1>\n<p><a id=\"sso-login\" href=\"{StubPaths.Login}\">Sign in with SSO</a></p>")));
    }

    private ResponseMessage Acs(IRequestMessage request)
    {
        var form = QueryHelpers.ParseQuery(request.Body);
        try
        {
            var session = sp.Accept(
                form.TryGetValue("SAMLResponse", out var response) ? response.ToString() : null,
                form.TryGetValue("RelayState", out var relay) ? relay.ToString() : null);
            var page = StubResponses.Html(200, "BlueJeans - signed in",
                $"<h1 id=\"session-user\">{StubResponses.Encode(session.UserId)}</h1>\n"
                + $"<p>Signed in with SAML. Email: <span id=\"session-email\">{StubResponses.Encode(session.Email)}</span></p>\n"
                + $"<p>RelayState: <span id=\"relay-state\">{StubResponses.Encode(session.RelayState)}</span></p>\n"
                // The SAML settings' Password Change URL is where BlueJeans sends a user who wants a new password.
                + (sp.CurrentSettings?.PasswordChangeUrl is { } change ? $"<p><a id=\"change-password\" href=\"{StubResponses.Encode(change)}\">Change password</a></p>\n" : "")
                + $"<p><a id=\"sign-out\" href=\"{StubPaths.SignOut}\">Sign out</a></p>");
            page.AddHeader("Set-Cookie", $"{SessionCookie}={session.Id}; Path=/; HttpOnly; SameSite=Lax");
            return page;
        }
        catch (SamlRejectedException e)
        {
            return StubResponses.Html(403, "BlueJeans - sign-in refused",
                $"<h1>Sign-in refused</h1>\n<p id=\"error\">{StubResponses.Encode(e.Message)}</p>");
        }
    }

    private ResponseMessage SignOut(IRequestMessage request)
    {
        var next = sp.SignOut(request.Cookies is { } cookies && cookies.TryGetValue(SessionCookie, out var id) ? id : null);
        return next is not null
            ? StubResponses.Redirect(next)
            : StubResponses.Html(200, "BlueJeans - signed out", "<p id=\"signed-out\">You are signed out.</p>");
    }

    private ResponseMessage Slo(IRequestMessage request)
    {
        var outcome = logout.Handle(request.RawQuery ?? "");
        return outcome.Location is not null
            ? StubResponses.Redirect(outcome.Location)
            : StubResponses.Html(outcome.Status, "BlueJeans - sign out",
                $"<p id=\"{(outcome.Status == 200 ? "signed-out" : "error")}\">{StubResponses.Encode(outcome.Message)}</p>");
    }

    private ResponseMessage Login()
    {
        var (location, problem) = sp.BeginLogin();
        return location is not null
            ? StubResponses.Redirect(location)
            : StubResponses.Html(409, "BlueJeans - SSO not configured", $"<p id=\"error\">{StubResponses.Encode(problem)}</p>");
    }
}
