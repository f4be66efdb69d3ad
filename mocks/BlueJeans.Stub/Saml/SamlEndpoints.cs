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
    public void Register(WireMockServer server)
    {
        server.Given(Request.Create().WithPath(StubPaths.Acs).UsingPost())
            .RespondWith(Response.Create().WithCallback(Acs));
        server.Given(Request.Create().WithPath(StubPaths.Login).UsingGet())
            .RespondWith(Response.Create().WithCallback(_ => Login()));
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
                + $"<p>RelayState: <span id=\"relay-state\">{StubResponses.Encode(session.RelayState)}</span></p>");
            page.AddHeader("Set-Cookie", $"bjn_session={Guid.NewGuid():N}; Path=/; HttpOnly; SameSite=Lax");
            return page;
        }
        catch (SamlRejectedException e)
        {
            return StubResponses.Html(403, "BlueJeans - sign-in refused",
                $"<h1>Sign-in refused</h1>\n<p id=\"error\">{StubResponses.Encode(e.Message)}</p>");
        }
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
