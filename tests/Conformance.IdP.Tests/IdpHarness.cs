using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.IdP.Agent;
using Conformance.IdP.Sso;
using Conformance.Saml;
using Conformance.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conformance.IdP.Tests;

/// <summary>
/// The one valid baseline: user ada (in group "Video") may use app BlueJeans (suffix "bluejeans",
/// bound to "Video"), whose SSO tab points at the in-test SP; bob is in no bound group.
/// </summary>
internal sealed class IdpHarness : IAsyncDisposable
{
    public const string AdaPassword = "Correct-Horse-9";
    public const string BobPassword = "Battery-Staple-4";
    public const string TargetUrl = "https://bluejeans.example.test/relay-from-admin";

    private IdpHarness(FakeTimeProvider time, JumpCloudDirectory directory, ApplicationCatalog catalog, RecordingSamlSink sink, TestSp sp, MockIdpServer idp, Application app)
    {
        Time = time;
        Directory = directory;
        Catalog = catalog;
        Sink = sink;
        Sp = sp;
        Idp = idp;
        App = app;
        Agent = NewAgent();
    }

    public FakeTimeProvider Time { get; }
    public JumpCloudDirectory Directory { get; }
    public ApplicationCatalog Catalog { get; }
    public RecordingSamlSink Sink { get; }
    public ExchangeJournal Journal { get; } = new();
    public TestSp Sp { get; }
    public MockIdpServer Idp { get; }
    public Application App { get; }
    public SsoUserAgent Agent { get; }

    public static async Task<IdpHarness> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
        var directory = new JumpCloudDirectory();
        directory.AddUser(new DirectoryUser
        {
            Id = "u1",
            Username = "ada",
            Email = "ada.lovelace@example.test",
            FirstName = "Ada",
            LastName = "Lovelace",
            EmployeeIdentifier = "E-1815",
            JobTitle = "Analyst",
            Password = AdaPassword,
        });
        directory.AddUser(new DirectoryUser { Id = "u2", Username = "bob", Email = "bob@example.test", Password = BobPassword });
        directory.AddGroup("g1", "Video");
        directory.AddMember("Video", "ada");
        var catalog = new ApplicationCatalog(directory);
        var app = catalog.Create(new ApplicationSettings { Name = "BlueJeans", DisplayLabel = "BlueJeans", SsoSuffix = "bluejeans" });
        catalog.BindGroup(app.Id, "Video");

        var sink = new RecordingSamlSink();
        var sp = await TestSp.StartAsync(time);
        var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Directory = directory, Catalog = catalog, Sink = sink, Time = time });
        sp.IdpSsoUrl = idp.SsoUrl(app.Id);
        idp.ConfigureSso(app.Id, new SsoSettings
        {
            SpEntityId = sp.EntityId,
            AcsUrl = sp.AcsUrl,
            SloUrl = sp.SloUrl,
            TargetUrl = TargetUrl,
            NameIdFormat = SamlNames.NameIdEmailAddress,
            Attributes = [new AttributeMapping("email", "email"), new AttributeMapping("firstName", "firstname")],
        });
        return new IdpHarness(time, directory, catalog, sink, sp, idp, app);
    }

    public SsoUserAgent NewAgent() => new(new Uri(Idp.BaseUrl), Journal, new Redactor(), Time);

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        await Idp.DisposeAsync();
        await Sp.DisposeAsync();
    }
}
