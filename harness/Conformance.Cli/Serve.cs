using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BlueJeans.Stub;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Saml;
using Conformance.IdP;
using Conformance.IdP.Sso;

namespace Conformance.Cli;

/// <summary>
/// <c>serve idp|sp</c>: the mock IdP or the BlueJeans stub on their own, until Ctrl+C, so that a person
/// (or a vendor's SP) can use them. <c>serve idp --sp URL</c> wires a demo user and the BlueJeans
/// application to an SP that speaks the control API, so both SSO flows can be clicked through.
/// </summary>
internal static class Serve
{
    public const string DemoUser = "ada.lovelace";
    public const string DemoPassword = "Demo-Pa55word!";

    /// <summary><paramref name="what"/>: the verb, <c>idp</c> or <c>sp</c>.</summary>
    public static async Task<int> RunAsync(string what, Arguments args, TextWriter stdout, CancellationToken cancellationToken)
    {
        var port = args.IntOption("port") ?? 0;
        if (port is < 0 or > 65535)
        {
            throw Arguments.Bad("--port", $"option '--port' expects a TCP port from 0 (any free one) to 65535, got {port}");
        }
        try
        {
            return await ServeAsync(what, port, args.Option("sp"), stdout, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException busy) when (port != 0 && busy.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            throw Arguments.Bad("--port", $"port {port} is taken by another process ({busy.Message}); pick another or 0 for any free one");
        }
    }

    private static async Task<int> ServeAsync(string what, int port, string? sp, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (what == "sp")
        {
            await BlueJeansStub.RunAsync(port, stdout, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RunIdpAsync(port, sp, stdout, cancellationToken).ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task RunIdpAsync(int port, string? sp, TextWriter stdout, CancellationToken cancellationToken)
    {
        var directory = new JumpCloudDirectory();
        var catalog = new ApplicationCatalog(directory);
        var insights = new Conformance.Core.Insights.InsightsLog(TimeProvider.System, "org-serve");
        // The Admin Portal's Identity Management tab pushes to whatever SCIM Base URL an administrator enters there.
        await using var idm = new Conformance.Scim.IdentityManagement(new Conformance.Scim.IdentityManagementOptions
        {
            Directory = directory,
            Catalog = catalog,
            Insights = insights,
            Exchanges = new Discard(),
            Redactor = new Conformance.Core.Http.Redactor(),
        });
        await using var idp = await MockIdpServer.StartAsync(new MockIdpOptions
        {
            Directory = directory,
            Catalog = catalog,
            Sink = new Discard(),
            Port = port,
            EnableAdminApi = true,
            Insights = insights,
            IdentityManagement = idm,
        }, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(idp.DescribeUrls()).ConfigureAwait(false);
        if (sp is not null)
        {
            await WireDemoAsync(idp, directory, catalog, new Uri(sp.TrimEnd('/') + "/_control/"), stdout, cancellationToken).ConfigureAwait(false);
        }
        await stdout.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await stdout.WriteLineAsync("mock IdP stopped.").ConfigureAwait(false);
        }
    }

    /// <summary>The guide's set-up, done once for a person: app, group binding, SSO tab both ways, Target URL = the SP's RelayState.</summary>
    private static async Task WireDemoAsync(MockIdpServer idp, JumpCloudDirectory directory, ApplicationCatalog catalog, Uri control, TextWriter stdout, CancellationToken cancellationToken)
    {
        directory.AddUser(new DirectoryUser
        {
            Id = "u00001",
            Username = DemoUser,
            Email = "ada.lovelace@example.test",
            FirstName = "Ada",
            LastName = "Lovelace",
            Password = DemoPassword,
        });
        directory.AddGroup("g0001", "Video Users");
        directory.AddMember("Video Users", DemoUser);
        var app = catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        catalog.BindGroup(app.Id, "Video Users");
        using var http = new HttpClient { BaseAddress = control };
        var page = await http.GetFromJsonAsync<JsonObject>("saml", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{control}saml answered nothing");
        idp.ConfigureSso(app.Id, new SsoSettings
        {
            SpEntityId = page["entityId"]!.GetValue<string>(),
            AcsUrl = page["acsUrl"]!.GetValue<string>(),
            TargetUrl = page["relayState"]?.GetValue<string>(),
        });
        using var put = await http.PutAsJsonAsync("saml", new JsonObject
        {
            ["enabled"] = true,
            ["autoProvisioning"] = true,
            ["certificatePem"] = idp.CertificatePem(app.Id),
            ["loginUrl"] = idp.SsoUrl(app.Id),
            ["passwordChangeUrl"] = idp.UserConsoleUrl,
            ["logoutUrl"] = idp.UserConsoleUrl,
            ["pickUserIdFromNameId"] = true,
            ["idpEntityId"] = idp.EntityId(app.Id),
        }, cancellationToken).ConfigureAwait(false);
        put.EnsureSuccessStatusCode();
        await stdout.WriteLineAsync($"""
            Wired to the SP at {control.GetLeftPart(UriPartial.Authority)}:
              demo user         {DemoUser} / {DemoPassword} (member of 'Video Users', bound to BlueJeans)
              IdP-initiated     open {idp.UserConsoleUrl}, sign in, click the BlueJeans tile
              SP-initiated      open {page["loginLink"]?.GetValue<string>() ?? control.GetLeftPart(UriPartial.Authority) + "/saml/login"}
            """).ConfigureAwait(false);
    }

    private sealed class Discard : ISamlMessageSink, Conformance.Core.Http.IExchangeSink
    {
        public void Record(SamlMessageRecord message)
        {
        }

        public void Record(Conformance.Core.Http.HttpExchange exchange)
        {
        }
    }
}
