using System.Text.Json;
using System.Text.Json.Serialization;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.IdP.Sso;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Conformance.IdP.Admin;

/// <summary>
/// A small JSON stand-in for the Admin Portal, for the standalone <c>serve idp</c> mode: users,
/// user groups, applications, the SSO tab and group bindings. Bound to 127.0.0.1 like the rest.
/// </summary>
internal static class AdminApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    private static readonly string[] Operations =
    [
        "GET    /admin                                  this list",
        "GET    /admin/apps                             configured applications",
        "POST   /admin/apps                             {name, displayLabel?, description?, showInPortal?, ssoSuffix?}",
        "DELETE /admin/apps/{app}                       delete the application",
        "PUT    /admin/apps/{app}/sso                   {spEntityId, acsUrl, targetUrl?, sloUrl?, nameIdSource?, nameIdFormat?, attributes?, signing?, active?}",
        "POST   /admin/apps/{app}/sso/metadata          body: SP metadata XML",
        "POST   /admin/apps/{app}/sso/deactivate        Deactivate SSO",
        "POST   /admin/apps/{app}/groups/{group}        bind a user group",
        "POST   /admin/users                            {id, username, email, password, firstName?, lastName?, ...}",
        "POST   /admin/groups                           {id, name}",
        "POST   /admin/groups/{group}/members/{user}    add a member",
    ];

    public static void Map(WebApplication web, MockIdpServer server)
    {
        var directory = server.Options.Directory;
        var catalog = server.Options.Catalog;
        web.MapGet("/admin", context => WriteAsync(context, 200, Operations));
        web.MapGet("/admin/apps", context => WriteAsync(context, 200, catalog.Applications.Select(a => Describe(server, a))));
        web.MapPost("/admin/apps", context => HandleAsync(context, async () =>
        {
            var settings = await ReadAsync<ApplicationSettings>(context).ConfigureAwait(false);
            return (201, Describe(server, catalog.Create(settings)));
        }));
        web.MapDelete("/admin/apps/{app}", context => Handle(context, () =>
        {
            catalog.Delete(Route(context, "app"));
            return (200, (object)new { deleted = Route(context, "app") });
        }));
        web.MapPut("/admin/apps/{app}/sso", context => HandleAsync(context, async () =>
        {
            var settings = await ReadAsync<SsoSettings>(context).ConfigureAwait(false);
            return (200, (object)server.ConfigureSso(Route(context, "app"), settings));
        }));
        web.MapPost("/admin/apps/{app}/sso/metadata", context => HandleAsync(context, async () =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var xml = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            return (200, (object)server.ConfigureSsoFromMetadata(Route(context, "app"), xml));
        }));
        web.MapPost("/admin/apps/{app}/sso/deactivate", context => Handle(context, () =>
            (200, (object)server.DeactivateSso(Route(context, "app")))));
        web.MapPost("/admin/apps/{app}/groups/{group}", context => Handle(context, () =>
            (200, Describe(server, catalog.BindGroup(Route(context, "app"), Route(context, "group"))))));
        web.MapPost("/admin/users", context => HandleAsync(context, async () =>
        {
            var user = await ReadAsync<DirectoryUser>(context).ConfigureAwait(false);
            directory.AddUser(user);
            return (201, (object)new { user.Id, user.Username, user.Email });
        }));
        web.MapPost("/admin/groups", context => HandleAsync(context, async () =>
        {
            var group = await ReadAsync<UserGroup>(context).ConfigureAwait(false);
            return (201, (object)directory.AddGroup(group.Id, group.Name));
        }));
        web.MapPost("/admin/groups/{group}/members/{user}", context => Handle(context, () =>
            (200, (object)new { added = directory.AddMember(Route(context, "group"), Route(context, "user")) })));
    }

    private static object Describe(MockIdpServer server, Application app) => new
    {
        app.Id,
        app.Name,
        app.DisplayLabel,
        app.SsoSuffix,
        app.ShowInPortal,
        BoundGroupIds = app.BoundGroupIds.Order(StringComparer.Ordinal),
        SsoUrl = server.SsoUrl(app.Id),
        EntityId = server.EntityId(app.Id),
        MetadataUrl = server.MetadataUrl(app.Id),
        CertificateUrl = server.CertificateUrl(app.Id),
        Sso = server.FindSso(app.Id),
    };

    private static string Route(HttpContext context, string name) => context.GetRouteValue(name) as string ?? "";

    private static async Task<T> ReadAsync<T>(HttpContext context) =>
        await context.Request.ReadFromJsonAsync<T>(Json, context.RequestAborted).ConfigureAwait(false)
        ?? throw new JsonException("The request body is empty.");

    private static async Task HandleAsync(HttpContext context, Func<Task<(int Status, object Body)>> action)
    {
        try
        {
            var (status, body) = await action().ConfigureAwait(false);
            await WriteAsync(context, status, body).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ApplicationRefusedException or InvalidOperationException or JsonException or Conformance.Saml.SamlMessageException)
        {
            await WriteAsync(context, 400, new { error = ex.Message }).ConfigureAwait(false);
        }
        catch (KeyNotFoundException ex)
        {
            await WriteAsync(context, 404, new { error = ex.Message }).ConfigureAwait(false);
        }
    }

    private static Task Handle(HttpContext context, Func<(int Status, object Body)> action) =>
        HandleAsync(context, () => Task.FromResult(action()));

    private static Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, Json, context.RequestAborted);
    }
}
