using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Core.Insights;

namespace Conformance.Scim.Tests.Support;

/// <summary>
/// One organisation with a BlueJeans application, its Identity Management engine and an in-test SP. Time is a
/// <see cref="RetryClock"/>: the retries the engine announces are recorded, and their waits pass at once.
/// </summary>
internal sealed class IdmHarness : IAsyncDisposable
{
    public const string Group = "Engineering";

    private readonly List<ScimRetry> _retries = [];

    private IdmHarness(ScimTestServer sp, Func<ScimEngineOptions, ScimEngineOptions>? engine)
    {
        Sp = sp;
        Catalog = new ApplicationCatalog(Directory);
        Insights = new InsightsLog(Time, "org-test");
        App = Catalog.Create(new ApplicationSettings { Name = "BlueJeans", DisplayLabel = "BlueJeans Video", SsoSuffix = "bluejeans" });
        var options = new ScimEngineOptions
        {
            OnRetry = retry =>
            {
                lock (_retries)
                {
                    _retries.Add(retry);
                }
                Time.Announce(retry.Wait);
            },
        };
        Idm = new IdentityManagement(new IdentityManagementOptions
        {
            Directory = Directory,
            Catalog = Catalog,
            Insights = Insights,
            Exchanges = Journal,
            Redactor = Redactor,
            Time = Time,
            Engine = engine?.Invoke(options) ?? options,
        });
        BlueJeans = Idm.For(App.Id);
        Directory.AddGroup("g-eng", Group);
    }

    public ScimTestServer Sp { get; }
    public RetryClock Time { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
    public JumpCloudDirectory Directory { get; } = new();
    public ApplicationCatalog Catalog { get; }
    public InsightsLog Insights { get; }
    public ExchangeJournal Journal { get; } = new();
    public Redactor Redactor { get; } = new();
    public Application App { get; }
    public IdentityManagement Idm { get; }
    public IdmIntegration BlueJeans { get; }

    /// <summary>What the engine announced before each wait between attempts, in order.</summary>
    public IReadOnlyList<ScimRetry> Retries
    {
        get { lock (_retries) { return [.. _retries]; } }
    }

    public IReadOnlyList<TimeSpan> Delays => [.. Retries.Select(r => r.Wait)];

    public static async Task<IdmHarness> StartAsync(Func<ScimEngineOptions, ScimEngineOptions>? engine = null) =>
        new(await ScimTestServer.StartAsync(), engine);

    public IdmSettings Settings(bool groups = false, bool passwordSync = false, UpdateMode mode = UpdateMode.Patch) => new()
    {
        BaseUrl = Sp.BaseUrl,
        Token = ScimTestServer.InitialToken,
        GroupsEnabled = groups,
        PasswordSync = passwordSync,
        UpdateMode = mode,
    };

    /// <summary>Configured and activated against the SP, with the Engineering group bound to the app.</summary>
    public async Task<IdmHarness> ActivatedAsync(IdmSettings? settings = null)
    {
        Catalog.BindGroup(App.Id, Group);
        Assert.That((await BlueJeans.ConfigureAsync(settings ?? Settings())).Success, Is.True);
        var activated = await BlueJeans.ActivateAsync();
        Assert.That(activated.Success, Is.True, activated.Message);
        return this;
    }

    /// <summary>A directory user with every mapped property set (and the two unsupported ones in Extra).</summary>
    public DirectoryUser AddUser(string username = "ada.lovelace", Func<DirectoryUser, DirectoryUser>? edit = null)
    {
        var user = new DirectoryUser
        {
            Id = "u-" + username,
            Username = username,
            Email = $"{username}@example.test",
            FirstName = "Ada",
            LastName = "Lovelace",
            EmployeeIdentifier = "E-1815",
            JobTitle = "Analyst",
            WorkPhone = "+1 555 0100",
            Password = "Secret-Pa55word!" + username,
            Extra = new Dictionary<string, string> { ["bjnUserName"] = "bjn-" + username, ["timezone"] = "Europe/London" },
        };
        user = edit?.Invoke(user) ?? user;
        Directory.AddUser(user);
        return user;
    }

    /// <summary>Adds a user to the bound group: the admin's way to grant access, which provisions.</summary>
    public async Task<DirectoryUser> ProvisionedAsync(string username = "ada.lovelace", Func<DirectoryUser, DirectoryUser>? edit = null)
    {
        var user = AddUser(username, edit);
        Directory.AddMember(Group, user.Id);
        await IdleAsync();
        return user;
    }

    public async Task IdleAsync()
    {
        // A guard against a hung test run, not a timing assertion.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Idm.WhenIdleAsync(guard.Token);
    }

    public IReadOnlyList<InsightsEvent> Events(string eventType) => Insights.Where(e => e.EventType == eventType);

    /// <summary>Requests the SP received after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<ScimTestServer.Received> RequestsSince(int skip) => [.. Sp.Requests.Skip(skip)];

    public async ValueTask DisposeAsync()
    {
        await Idm.DisposeAsync();
        await Sp.DisposeAsync();
    }
}
