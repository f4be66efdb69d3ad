using Bogus;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Core.Insights;
using Conformance.Scim;

namespace Conformance.Bench.Scim;

/// <summary>
/// One organisation as the suite runs it: directory, catalogue, DI log, HAR capture on (an in-memory
/// <see cref="ExchangeJournal"/>) and the Identity Management engine at its default concurrency.
/// </summary>
internal sealed class Organisation : IAsyncDisposable
{
    private const string Group = "All Staff";

    private readonly JumpCloudDirectory _directory = new();
    private readonly ApplicationCatalog _catalog;
    private readonly IdentityManagement _idm;
    private readonly Application _app;

    private Organisation(IReadOnlyList<DirectoryUser> users, bool captureHar)
    {
        _catalog = new ApplicationCatalog(_directory);
        _idm = new IdentityManagement(new IdentityManagementOptions
        {
            Directory = _directory,
            Catalog = _catalog,
            Insights = Insights,
            Exchanges = captureHar ? Journal : NoCapture.Instance,
            Redactor = new Redactor(),
        });
        _app = _catalog.Create(new ApplicationSettings { Name = "BlueJeans", DisplayLabel = "BlueJeans Video", SsoSuffix = "bluejeans" });
        _directory.AddGroup("g-all", Group);
        foreach (var user in users)
        {
            _directory.AddUser(user);
            _directory.AddMember(Group, user.Id);
        }
    }

    private InsightsLog Insights { get; } = new(TimeProvider.System, "org-bench");
    private ExchangeJournal Journal { get; } = new();

    /// <summary>Reproducible Bogus users whose userNames fit BlueJeans' 30-character limit.</summary>
    public static IReadOnlyList<DirectoryUser> Users(int count, int seed = 8)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var handle = new string([.. $"{first}.{last}".ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '.')]);
            var username = $"{handle[..Math.Min(handle.Length, 22)]}.{i}";
            return new DirectoryUser
            {
                Id = $"u-{i:D6}",
                Username = username,
                Email = $"{username}@example.test",
                FirstName = first,
                LastName = last,
                EmployeeIdentifier = $"E-{i:D6}",
                JobTitle = faker.Name.JobTitle(),
                WorkPhone = faker.Phone.PhoneNumber("+1 ### ### ####"),
                Password = faker.Internet.Password(16),
            };
        })];
    }

    /// <summary>The organisation with its IdM tab configured and activated against the SP, nothing bound yet.</summary>
    public static async Task<Organisation> ActivatedAsync(IReadOnlyList<DirectoryUser> users, Uri scimBaseUrl, string token, bool captureHar = true)
    {
        var organisation = new Organisation(users, captureHar);
        var integration = organisation._idm.For(organisation._app.Id);
        var configured = await integration.ConfigureAsync(new IdmSettings { BaseUrl = scimBaseUrl, Token = token });
        var activated = configured.Success ? await integration.ActivateAsync() : configured;
        if (!activated.Success)
        {
            await organisation.DisposeAsync();
            throw new InvalidOperationException($"The SP refused activation: {activated.Message}");
        }
        return organisation;
    }

    /// <summary>Binds the group holding every user (lookup + create each) and waits until every push is logged.</summary>
    public async Task PushAllAsync()
    {
        _catalog.BindGroup(_app.Id, Group);
        await _idm.WhenIdleAsync();
    }

    public int Created => Insights.Where(e => e.EventType == InsightsEventTypes.UserCreateProvision && e.Success).Count;

    public ValueTask DisposeAsync() => _idm.DisposeAsync();

    /// <summary>HAR capture off: exchanges are still built and redacted by the capturing handler, then dropped.</summary>
    private sealed class NoCapture : IExchangeSink
    {
        public static readonly NoCapture Instance = new();

        public void Record(HttpExchange exchange)
        {
        }
    }
}
