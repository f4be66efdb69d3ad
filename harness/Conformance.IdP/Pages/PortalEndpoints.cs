using System.Security.Cryptography;
using System.Text;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.IdP.Sessions;
using Conformance.IdP.Sso;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conformance.IdP.Pages;

/// <summary>The login page and the User Console ("Password Change URL - enter https://console.jumpcloud.com/userconsole").</summary>
internal sealed class PortalEndpoints(IdpState state, SamlEndpoints saml)
{
    public Task LoginFormAsync(HttpContext context)
    {
        var pending = context.Request.Query["pending"].FirstOrDefault();
        return Html.WriteAsync(context, 200, "Log in", Html.LoginForm(
            state.Sessions.Peek(pending) is null ? null : pending,
            LocalPath(context.Request.Query["return"].FirstOrDefault()),
            error: null,
            username: null));
    }

    public async Task LoginAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var username = form["username"].ToString();
        var pending = form["pending"].FirstOrDefault();
        var returnPath = LocalPath(form["return"].FirstOrDefault());
        var user = FindByLogin(username);
        if (user is null || !user.Active || !PasswordMatches(user, form["password"].ToString()))
        {
            // One message for all three: the page must not tell which usernames exist.
            await Html.WriteAsync(context, 401, "Log in",
                Html.LoginForm(pending, returnPath, "Invalid username or password.", username)).ConfigureAwait(false);
            return;
        }
        var session = state.Sessions.Create(user.Id);
        context.Response.Cookies.Append(SessionStore.CookieName, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
        });
        context.Response.Redirect(
            pending is not null && state.Sessions.Peek(pending) is not null ? $"/sso/resume/{Uri.EscapeDataString(pending)}"
            : returnPath ?? "/userconsole");
    }

    public Task LogoutAsync(HttpContext context)
    {
        state.Sessions.End(context.Request.Cookies[SessionStore.CookieName]);
        context.Response.Cookies.Delete(SessionStore.CookieName);
        context.Response.Redirect("/login");
        return Task.CompletedTask;
    }

    /// <summary>"Access the JumpCloud User Console - Go to Applications and click an application tile to launch it".</summary>
    public Task UserConsoleAsync(HttpContext context)
    {
        var session = state.CurrentSession(context);
        var user = session is null ? null : state.Options.Directory.FindUser(session.UserId);
        if (user is null)
        {
            context.Response.Redirect("/login?return=%2Fuserconsole");
            return Task.CompletedTask;
        }
        var apps = state.Options.Catalog.Applications
            .Where(a => a.ShowInPortal && (a.Kind != ApplicationKind.Bookmark || a.BookmarkActive) && state.Options.Catalog.IsAuthorized(a.Id, user.Id))
            .OrderBy(a => a.DisplayLabel, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var body = new StringBuilder();
        body.Append("<p id=\"user\">Signed in as ").Append(Html.E(user.Username)).Append(". <a id=\"logout\" href=\"/logout\">Log out</a></p>\n");
        body.Append("<h2>Applications</h2>\n");
        if (apps.Count == 0)
        {
            body.Append("<p id=\"no-apps\">No applications are available to you.</p>\n");
        }
        else
        {
            body.Append("<ul class=\"tiles\">\n");
            foreach (var app in apps)
            {
                var colour = app.PortalImage.Kind == PortalImageKind.ColorIndicator ? $" style=\"--tile-color:{Html.E(app.PortalImage.Value)}\"" : "";
                var logo = app.PortalImage.Kind == PortalImageKind.Logo ? $"<span class=\"logo\" data-logo=\"{Html.E(app.PortalImage.Value)}\" aria-hidden=\"true\"></span>" : "";
                body.Append("<li><a class=\"tile\" data-app-id=\"").Append(Html.E(app.Id)).Append("\" href=\"").Append(Html.E(app.Kind == ApplicationKind.Bookmark ? app.BookmarkUrl! : "/userconsole/launch/" + Uri.EscapeDataString(app.Id))).Append('"').Append(colour).Append('>')
                    .Append(logo).Append("<strong>").Append(Html.E(app.DisplayLabel)).Append("</strong><br><small>").Append(Html.E(app.Description)).Append("</small></a></li>\n");
            }
            body.Append("</ul>\n");
        }
        return Html.WriteAsync(context, 200, "User Console", body.ToString());
    }

    public Task LaunchAsync(HttpContext context)
    {
        var id = context.GetRouteValue("appId") as string ?? "";
        var app = state.Options.Catalog.Applications.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));
        if (app is null)
        {
            return Html.ErrorAsync(context, 404, "Not found", "This application does not exist any more.");
        }
        if (app.Kind != ApplicationKind.Bookmark)
        {
            return saml.LaunchAsync(context, app);
        }
        // A Bookmark is only a link; access is still the bound groups' ("Users are implicitly denied access to applications").
        var user = state.CurrentSession(context) is { } session ? state.Options.Directory.FindUser(session.UserId) : null;
        if (user is null || !app.BookmarkActive || !state.Options.Catalog.IsAuthorized(app.Id, user.Id))
        {
            return Html.ErrorAsync(context, 403, "Not available", "This bookmark is not available to you.");
        }
        context.Response.Redirect(app.BookmarkUrl!);
        return Task.CompletedTask;
    }

    private DirectoryUser? FindByLogin(string login) =>
        string.IsNullOrWhiteSpace(login) ? null
        : state.Options.Directory.Users.FirstOrDefault(u => string.Equals(u.Username, login, StringComparison.OrdinalIgnoreCase))
          ?? state.Options.Directory.Users.FirstOrDefault(u => string.Equals(u.Email, login, StringComparison.OrdinalIgnoreCase));

    private static bool PasswordMatches(DirectoryUser user, string password) =>
        user.Password.Length > 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(password));

    /// <summary>Only a path on this IdP: "//host" and absolute URLs would make the login page an open redirect.</summary>
    private static string? LocalPath(string? path) =>
        path is not null && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
            ? path
            : null;
}
