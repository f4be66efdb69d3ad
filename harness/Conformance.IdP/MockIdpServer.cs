using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.IdP.Admin;
using Conformance.IdP.Insights;
using Conformance.IdP.Pages;
using Conformance.IdP.Portal;
using Conformance.IdP.Sessions;
using Conformance.IdP.Sso;
using Conformance.Saml;
using Conformance.Saml.Metadata;
using Conformance.Saml.Responses;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conformance.IdP;

/// <summary>
/// The mock JumpCloud IdP on Kestrel: SAML 2.0 SSO and SLO per application, a login page and the
/// User Console. Start with <see cref="StartAsync"/>; <c>await using</c> stops it.
/// </summary>
public sealed class MockIdpServer : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly IdpState _state;
    private readonly SamlEndpoints _saml;

    private MockIdpServer(WebApplication web, IdpState state, SamlEndpoints saml, string apiKey, string adminPassword)
    {
        _web = web;
        _state = state;
        _saml = saml;
        ApiKey = apiKey;
        AdminPassword = adminPassword;
    }

    /// <summary>The Admin Portal administrator's password.</summary>
    public string AdminPassword { get; }

    public string AdminEmail => _state.Options.AdminEmail;

    /// <summary>The Admin Portal: USER AUTHENTICATION &gt; SSO Applications.</summary>
    public string PortalUrl => $"{BaseUrl}/portal/applications";

    /// <summary>The <c>x-api-key</c> of the admin and Directory Insights APIs.</summary>
    public string ApiKey { get; }

    /// <summary>Where the Directory Insights API answers (POST …/events, …/events/count, …/events/distinct).</summary>
    public string InsightsUrl => $"{BaseUrl}{InsightsApi.Base}";

    /// <summary>http://127.0.0.1:{port}, no trailing slash.</summary>
    public string BaseUrl => _state.BaseUrl;

    public string LoginUrl => $"{BaseUrl}/login";

    /// <summary>What the seed puts in BlueJeans' Password Change URL and Logout URL.</summary>
    public string UserConsoleUrl => $"{BaseUrl}/userconsole";

    public string AdminUrl => $"{BaseUrl}/admin";

    public static async Task<MockIdpServer> StartAsync(MockIdpOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        var port = options.BaseUrl?.Port ?? options.Port;
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        options.Logging?.Invoke(builder.Logging);

        var registry = new SsoRegistry(options.Catalog, options.Time, options.SigningCertificate);
        var state = new IdpState(options, registry, new SessionStore(options.Time));
        var saml = new SamlEndpoints(state);
        var portal = new PortalEndpoints(state, saml);
        var apiKey = options.ApiKey ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var adminPassword = options.AdminPassword ?? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        AddPortal(builder.Services, state, new PortalAccess(options.AdminEmail, adminPassword));
        var web = builder.Build();
        web.Use(new ApiGuard(apiKey, () => state.BaseUrl).Middleware(keyed: ["/admin", "/insights"], hostOnly: ["/portal"]));
        web.UseAuthentication();
        web.UseAuthorization();
        web.UseAntiforgery();
        web.MapRazorComponents<PortalApp>();
        string[] getPost = [HttpMethods.Get, HttpMethods.Post];
        web.MapMethods("/saml2/{suffix}", getPost, saml.SsoAsync);
        web.MapGet("/saml2/{suffix}/metadata", saml.MetadataAsync);
        web.MapGet("/saml2/{suffix}/certificate.pem", saml.CertificateAsync);
        web.MapGet("/saml2/{suffix}/slo", saml.SloAsync);
        web.MapGet("/sso/resume/{token}", saml.ResumeAsync);
        web.MapGet("/login", portal.LoginFormAsync);
        web.MapPost("/login", portal.LoginAsync);
        web.MapGet("/logout", portal.LogoutAsync);
        web.MapGet("/userconsole", portal.UserConsoleAsync);
        web.MapMethods("/userconsole/launch/{appId}", getPost, portal.LaunchAsync);
        web.MapGet("/", context =>
        {
            context.Response.Redirect("/userconsole");
            return Task.CompletedTask;
        });
        var server = new MockIdpServer(web, state, saml, apiKey, adminPassword);
        if (options.EnableAdminApi)
        {
            AdminApi.Map(web, server);
        }
        if (options.Insights is { } insights)
        {
            InsightsApi.Map(web, insights);
        }

        try
        {
            await web.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            registry.Dispose();
            await web.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        state.BaseUrl = options.BaseUrl?.GetLeftPart(UriPartial.Authority) ?? address.TrimEnd('/');
        return server;
    }

    internal MockIdpOptions Options => _state.Options;

    /// <summary>
    /// The Admin Portal: server-rendered Razor components behind an administrator's cookie (SameSite strict) and
    /// anti-forgery tokens on every form; its keys live only as long as this IdP.
    /// </summary>
    private static void AddPortal(IServiceCollection services, IdpState state, PortalAccess access)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/portal/login";
            cookie.ReturnUrlParameter = "return";
            cookie.Cookie.Name = "jc_admin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthorization();
        services.AddAntiforgery();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(state);
        services.AddSingleton(access);
    }

    /// <summary>The SSO IdP URL, {base}/saml2/{custom_value}: the BlueJeans "Login URL".</summary>
    public string SsoUrl(string app) => _state.SsoUrl(App(app));

    public string SloUrl(string app) => _state.SloUrl(App(app));

    public string EntityId(string app) => _state.EntityId(App(app));

    public string MetadataUrl(string app) => $"{SsoUrl(app)}/metadata";

    public string CertificateUrl(string app) => $"{SsoUrl(app)}/certificate.pem";

    /// <summary>"Actions > Download Certificate": the application's certificate.pem (created on first use).</summary>
    public string CertificatePem(string app) => _state.Registry.Certificate(App(app)).Pem;

    /// <summary>The application's signing certificate with its private key (the security suite signs forged Responses with it).</summary>
    public X509Certificate2 SigningCertificate(string app) => _state.Registry.Certificate(App(app)).Certificate;

    public string MetadataXml(string app) => _saml.MetadataXml(App(app));

    /// <summary>Replaces the application's signing certificate (rotation); its metadata and certificate.pem change with it.</summary>
    public string ReplaceCertificate(string app) => _state.Registry.Replace(App(app)).Certificate.Thumbprint;

    /// <summary>
    /// The Response the IdP would issue to the user for the application right now (IdP-initiated), from its SSO
    /// tab: the security suite starts every forged Response from exactly this one.
    /// </summary>
    public ResponseSpec ResponseSpecFor(string app, DirectoryUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var application = App(app);
        var settings = FindSso(app) ?? throw new ApplicationRefusedException($"The SSO tab of '{app}' is not configured.");
        return _state.ResponseSpec(application, settings, user, inResponseTo: null, authnInstant: null, SamlIds.New())
            ?? throw new ApplicationRefusedException($"User '{user.Username}' has no {settings.NameIdSource}, which the SSO tab uses as NameID.");
    }

    public SsoSettings? FindSso(string app) => _state.Registry.Find(App(app).Id);

    /// <summary>Fills the SSO tab and saves it; refused (ApplicationRefusedException) when a field is invalid.</summary>
    public SsoSettings ConfigureSso(string app, SsoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return _state.Registry.Set(App(app), settings);
    }

    /// <summary>Fills the SSO tab from SP metadata XML (the "file" choice); <paramref name="adjust"/> sets the rest.</summary>
    public SsoSettings ConfigureSsoFromMetadata(string app, string spMetadataXml, Func<SsoSettings, SsoSettings>? adjust = null)
    {
        var settings = SsoSettings.FromSpMetadata(SpMetadata.Parse(spMetadataXml));
        return ConfigureSso(app, adjust is null ? settings : adjust(settings));
    }

    /// <summary>Fills the SSO tab from SP metadata fetched from a URL.</summary>
    public async Task<SsoSettings> ConfigureSsoFromMetadataUrlAsync(
        string app, Uri metadataUrl, HttpClient http, Func<SsoSettings, SsoSettings>? adjust = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var xml = await http.GetStringAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
        return ConfigureSsoFromMetadata(app, xml, adjust);
    }

    /// <summary>Changes a saved SSO tab ("Add or change any attributes", "Target URL", signing, …).</summary>
    public SsoSettings UpdateSso(string app, Func<SsoSettings, SsoSettings> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return _state.Registry.Update(App(app), edit);
    }

    /// <summary>"Click Deactivate SSO … Click save."</summary>
    public SsoSettings DeactivateSso(string app) => UpdateSso(app, s => s with { Active = false });

    /// <summary>The URLs a person needs, one per line (what <c>serve idp</c> prints).</summary>
    public string DescribeUrls()
    {
        var text = new StringBuilder();
        text.AppendLine($"Mock JumpCloud IdP   {BaseUrl}");
        text.AppendLine($"  Login              {LoginUrl}");
        text.AppendLine($"  User Console       {UserConsoleUrl}");
        if (Options.EnableAdminApi)
        {
            text.AppendLine($"  Admin API          {AdminUrl}  (GET {AdminUrl} lists the operations)");
        }
        if (Options.Insights is not null)
        {
            text.AppendLine($"  Directory Insights POST {InsightsUrl}/events  (…/events/count, …/events/distinct)");
        }
        text.AppendLine($"  Admin Portal       {PortalUrl}  (admin {Options.AdminEmail}, password {AdminPassword})");
        if (Options.EnableAdminApi || Options.Insights is not null)
        {
            // Shown once, to the person who started the IdP: the APIs refuse every request without it.
            text.AppendLine($"  API key            {ApiGuard.Header}: {ApiKey}");
        }
        foreach (var app in Options.Catalog.Applications.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            text.AppendLine($"  {app.DisplayLabel} ({app.Id})");
            text.AppendLine($"    SSO IdP URL      {_state.SsoUrl(app)}");
            text.AppendLine($"    Metadata         {_state.SsoUrl(app)}/metadata");
            text.AppendLine($"    certificate.pem  {_state.SsoUrl(app)}/certificate.pem");
            text.AppendLine($"    SLO              {_state.SloUrl(app)}");
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
        _state.Registry.Dispose();
    }

    private Application App(string idOrLabelOrSuffix) => Options.Catalog.Get(idOrLabelOrSuffix);
}
