using System.Text.Json.Nodes;
using BlueJeans.Stub.Control;
using BlueJeans.Stub.Gateway;
using BlueJeans.Stub.Saml;
using BlueJeans.Stub.Scim;
using Microsoft.AspNetCore.Builder;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace BlueJeans.Stub;

/// <summary>
/// The BlueJeans service provider, stubbed on WireMock.Net: SCIM 2.0 under <see cref="ScimBaseUrl"/>, a
/// SAML SP (ACS, SP-initiated login link, metadata) and the control API of docs/sp-control-api.md under
/// <see cref="ControlUrl"/>. Binds 127.0.0.1 only. The methods mirror the control API for in-process use.
/// </summary>
public sealed class BlueJeansStub : IAsyncDisposable
{
    private readonly WireMockServer _server;
    private readonly StubUrls _urls;
    private readonly DefenceSet _defences;
    private readonly RequestJournal _journal;
    private readonly FaultInjector _faults;
    private readonly ScimToken _token;
    private readonly ScimStore _store;
    private readonly SamlServiceProvider _sp;

    private BlueJeansStub(BlueJeansStubOptions options)
    {
        _defences = new DefenceSet();
        _journal = new RequestJournal();
        _faults = new FaultInjector();
        _token = new ScimToken(options.Redactor);
        var gateway = new StubGateway(_journal, _faults, options.Time, options.Redactor);
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{options.Port}"],
            StartAdminInterface = false,
            // The stub's journal is the record (arrival order, bodies redacted); WireMock's own log would be a second,
            // unbounded copy, and its JSON parse of every body a cost no callback reads.
            MaxRequestLogCount = 0,
            DisableJsonBodyParsing = true,
            Logger = new WireMockNullLogger(),
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(gateway.InvokeAsync),
        });
        _urls = new StubUrls($"http://127.0.0.1:{_server.Ports[0]}");
        _store = new ScimStore(options.Time, _defences, _urls.ScimBaseUrl);
        _sp = new SamlServiceProvider(options.Time, _defences, _store, _urls);

        _faults.Attach(_server);
        _server.ReadStaticMappings(Path.Combine(AppContext.BaseDirectory, "Mappings"));
        ScimTokenMatcher.Register(_server, _token);
        new ScimApi(_store).Register(_server);
        new SamlEndpoints(_sp, new SingleLogout(_sp, _defences, _urls, options.Time)).Register(_server);
        new ControlApi(this).Register(_server);
    }

    public string BaseUrl => _urls.BaseUrl;
    public string ScimBaseUrl => _urls.ScimBaseUrl;
    public string ControlUrl => _urls.ControlUrl;
    public string AcsUrl => _urls.AcsUrl;
    public string EntityId => _urls.EntityId;
    public string LoginLinkUrl => _urls.LoginLinkUrl;
    public string MetadataUrl => _urls.MetadataUrl;
    public string SloUrl => _urls.SloUrl;

    /// <summary>Starts the stub on 127.0.0.1 (<see cref="BlueJeansStubOptions.Port"/> 0 picks a free port).</summary>
    public static Task<BlueJeansStub> StartAsync(BlueJeansStubOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new BlueJeansStub(options ?? new BlueJeansStubOptions()));
    }

    /// <summary>Serves standalone (<c>./run.sh serve sp</c>) until <paramref name="cancellationToken"/> fires, printing the URLs a person needs.</summary>
    public static async Task RunAsync(int port, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var stub = await StartAsync(new BlueJeansStubOptions { Port = port }, cancellationToken);
        await output.WriteLineAsync($"""
            BlueJeans stub listening on {stub.BaseUrl}
              SCIM base URL   {stub.ScimBaseUrl}   (token: POST {stub.ControlUrl}/token)
              control API     {stub.ControlUrl}   (docs/sp-control-api.md)
              SP entity ID    {stub.EntityId}
              ACS URL         {stub.AcsUrl}
              SSO login link  {stub.LoginLinkUrl}   (configure first: PUT {stub.ControlUrl}/saml)
              RelayState      {stub.GetSaml().RelayState}
            Press Ctrl+C to stop.
            """);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("BlueJeans stub stopped.");
        }
    }

    /// <summary>Forgets users, groups, sessions, journal, faults and recordings, and switches every defence back on; keeps the token and SAML settings.</summary>
    public void Reset()
    {
        _store.Clear();
        _sp.Clear();
        _journal.Clear();
        _faults.Clear();
        _defences.Reset();
    }

    /// <summary>"GENERATE TOKEN": a new SCIM bearer token; the previous one stops working.</summary>
    public string GenerateToken() => _token.Generate();

    /// <summary>Puts back a token this stub issued before; control API only (BlueJeans has no such button).</summary>
    public void RestoreToken(string token) => _token.Set(token);

    /// <summary>Saves the ADMIN &gt; SECURITY page; throws <see cref="ArgumentException"/> for a certificate that is not PEM.</summary>
    public void ConfigureSaml(SamlSettings settings) => _sp.Configure(settings);

    public SamlAdminPage GetSaml() => _sp.AdminPage();

    public IReadOnlyList<StubSession> GetSessions() => _sp.Sessions();

    public IReadOnlyList<JournalEntry> GetJournal() => _journal.Snapshot();

    /// <summary>The stored user with SP-only attributes, recording count and whether a password was synced; null when unknown.</summary>
    public JsonObject? GetUser(string userName) => _store.AdminView(userName);

    /// <summary>False when the user is unknown.</summary>
    public bool SetRecordings(string userName, int count) => _store.SetRecordings(userName, count);

    /// <summary>Throws <see cref="ArgumentException"/> for a fault the stub cannot inject.</summary>
    public void AddFault(StubFault fault) => _faults.Add(fault);

    public void ClearFaults() => _faults.Clear();

    /// <summary>False when <paramref name="name"/> is not one of <see cref="StubDefences.All"/>.</summary>
    public bool SetDefence(string name, bool enabled) => _defences.Set(name, enabled);

    /// <summary>Whether <paramref name="password"/> is the one synced for the user (the stub keeps only its hash).</summary>
    internal bool VerifyPassword(string userName, string password) => _store.VerifyPassword(userName, password);

    public ValueTask DisposeAsync()
    {
        _server.Stop();
        _server.Dispose();
        return ValueTask.CompletedTask;
    }
}
