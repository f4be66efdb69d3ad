using BlueJeans.Stub;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.IdP;
using Conformance.IdP.Sso;
using Conformance.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Conformance.Browser.Tests;

/// <summary>
/// The one valid baseline: a real mock IdP and a real BlueJeans stub wired to each other as the guide
/// says (IdP certificate uploaded to the SP, the SP's ACS and entity ID on the IdP's SSO tab). Ada is in
/// "Video", which is bound to BlueJeans; bob is in no bound group.
/// </summary>
public sealed class SsoHarness : IAsyncDisposable
{
    public const string AdaPassword = "Correct-Horse-9";
    public const string AdaEmail = "ada.lovelace@example.test";
    public const string BobPassword = "Battery-Staple-4";

    private SsoHarness(MockIdpServer idp, BlueJeansStub sp, Application app, string runFolder)
    {
        Idp = idp;
        Sp = sp;
        App = app;
        RunFolder = runFolder;
    }

    public MockIdpServer Idp { get; }
    public BlueJeansStub Sp { get; }
    public Application App { get; }
    public string RunFolder { get; }
    public Redactor Redactor { get; } = new();

    /// <summary>The test's chromium, started by its first session and closed with the harness.</summary>
    public BrowserHost Browser { get; } = new(Chromium.DebianPath);

    public static async Task<SsoHarness> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
        var directory = new JumpCloudDirectory();
        directory.AddUser(new DirectoryUser { Id = "u1", Username = "ada", Email = AdaEmail, FirstName = "Ada", LastName = "Lovelace", Password = AdaPassword });
        directory.AddUser(new DirectoryUser { Id = "u2", Username = "bob", Email = "bob@example.test", Password = BobPassword });
        directory.AddGroup("g1", "Video");
        directory.AddMember("Video", "ada");
        var catalog = new ApplicationCatalog(directory);
        var app = catalog.Create(new ApplicationSettings { Name = "BlueJeans", DisplayLabel = "BlueJeans", SsoSuffix = "bluejeans" });
        catalog.BindGroup(app.Id, "Video");

        var idp = await MockIdpServer.StartAsync(new MockIdpOptions { Directory = directory, Catalog = catalog, Sink = new RecordingSamlSink(), Time = time });
        var sp = await BlueJeansStub.StartAsync(new BlueJeansStubOptions { Port = 0, Time = time });
        idp.ConfigureSso(app.Id, new SsoSettings
        {
            SpEntityId = sp.EntityId,
            AcsUrl = sp.AcsUrl,
            TargetUrl = sp.GetSaml().RelayState,
            Attributes = [new AttributeMapping("email", "email")],
        });
        sp.ConfigureSaml(new SamlSettings
        {
            CertificatePem = idp.CertificatePem(app.Id),
            LoginUrl = idp.SsoUrl(app.Id),
            PasswordChangeUrl = idp.UserConsoleUrl,
            LogoutUrl = idp.UserConsoleUrl,
            EmailAttribute = "email",
            IdpEntityId = idp.EntityId(app.Id),
        });
        var runFolder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-runs", TestContext.CurrentContext.Test.Name);
        if (System.IO.Directory.Exists(runFolder))
        {
            System.IO.Directory.Delete(runFolder, recursive: true);
        }
        return new SsoHarness(idp, sp, app, runFolder);
    }

    public BrowserSessionOptions Options(string scenarioId = "sso.browser") =>
        new() { RunFolder = RunFolder, ScenarioId = scenarioId, Redactor = Redactor, Browser = Browser };

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Sp.DisposeAsync();
        await Idp.DisposeAsync();
    }
}

/// <summary>A fixture whose every test gets a fresh <see cref="SsoHarness"/> (and its chromium), stopped after the test.</summary>
public abstract class WithSsoHarness
{
    protected SsoHarness H { get; private set; } = null!;

    [SetUp]
    public async Task StartHarnessAsync() => H = await SsoHarness.StartAsync();

    [TearDown]
    public async Task StopHarnessAsync() => await H.DisposeAsync();
}
