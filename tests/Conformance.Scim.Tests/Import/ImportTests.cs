using System.Text.Json.Nodes;
using Conformance.Scim.Import;
using Conformance.Scim.Tests.Support;

namespace Conformance.Scim.Tests.Import;

public sealed class ImportTests
{
    [Test]
    public async Task Listing_ReadsEveryPageAndLeavesOutSuspendedUsers()
    {
        await using var h = await ConfiguredAsync(pageSize: 2);
        Seed(h, 5);
        h.Sp.SeedUser(new JsonObject { ["userName"] = "suspended.user", ["active"] = false });

        var listing = await h.BlueJeans.ListImportCandidatesAsync();

        Assert.That(listing.Users.Select(u => u.UserName), Is.EqualTo((string[])["sp.user0", "sp.user1", "sp.user2", "sp.user3", "sp.user4"]));
        Assert.That(listing.PagesRead, Is.EqualTo(3));
        Assert.That(h.Sp.Requests.Select(r => r.PathAndQuery), Is.EqualTo((string[])
            ["/Users?startIndex=1&count=2", "/Users?startIndex=3&count=2", "/Users?startIndex=5&count=2"]));
    }

    [Test]
    public async Task Listing_MarksUsersAlreadyInTheDirectoryAsImported()
    {
        await using var h = await ConfiguredAsync();
        Seed(h, 3);
        h.AddUser("SP.USER1");

        var listing = await h.BlueJeans.ListImportCandidatesAsync();

        Assert.That(listing.Users.Select(u => u.Status), Is.EqualTo((ImportStatus[])[ImportStatus.New, ImportStatus.Imported, ImportStatus.New]));
        Assert.That(listing.NewUsersOnly.Select(u => u.UserName), Is.EqualTo((string[])["sp.user0", "sp.user2"]));
    }

    [Test]
    public async Task ImportingUpToTheLimit_FinishesInlineWithTheSpValues()
    {
        await using var h = await ConfiguredAsync();
        Seed(h, 2);
        var listing = await h.BlueJeans.ListImportCandidatesAsync();

        var result = h.BlueJeans.Import(listing.Users);

        Assert.That(result.Completed, Is.True);
        Assert.That(result.Created, Has.Count.EqualTo(2));
        var imported = h.Directory.GetUser("sp.user1");
        Assert.Multiple(() =>
        {
            Assert.That(imported.FirstName, Is.EqualTo("Given1"));
            Assert.That(imported.LastName, Is.EqualTo("Family1"));
            Assert.That(imported.Email, Is.EqualTo("sp.user1@example.test"));
            Assert.That(imported.EmployeeIdentifier, Is.EqualTo("EXT-1"));
        });
        Assert.That(h.Idm.Outbox, Is.Empty);
    }

    [Test]
    public async Task ImportingAnAlreadyImportedUser_SkipsIt()
    {
        await using var h = await ConfiguredAsync();
        Seed(h, 2);
        h.AddUser("sp.user0");
        var listing = await h.BlueJeans.ListImportCandidatesAsync();

        var result = h.BlueJeans.Import(listing.Users);

        Assert.That(result.Created.Select(u => u.Username), Is.EqualTo((string[])["sp.user1"]));
        Assert.That(result.Skipped.Select(u => u.UserName), Is.EqualTo((string[])["sp.user0"]));
    }

    [Test]
    public async Task ImportingExactly100_StillFinishesInRealTime()
    {
        await using var h = await ConfiguredAsync();
        Seed(h, 100);
        var listing = await h.BlueJeans.ListImportCandidatesAsync();

        var result = h.BlueJeans.Import(listing.Users);

        Assert.That(result.Completed, Is.True, "the guide: fewer than 100 in real time, more than 100 by email; 100 itself is read as real time");
        Assert.That(result.Created, Has.Count.EqualTo(100));
        Assert.That(h.Idm.Outbox, Is.Empty);
    }

    [Test]
    public async Task ImportingMoreThan100_ReportsWhatItCreatedOnceFinished()
    {
        await using var h = await ConfiguredAsync();
        Seed(h, 101);
        var listing = await h.BlueJeans.ListImportCandidatesAsync();

        var result = h.BlueJeans.Import(listing.Users);
        var finished = await (result.Finished ?? throw new AssertionException("a background import gives a task to await"));

        Assert.That(result.Message, Does.Contain("Importing 101 users; you will be notified"));
        Assert.That(finished.Completed, Is.True);
        Assert.That(finished.Created, Has.Count.EqualTo(101));
    }

    [Test]
    public async Task ImportingMoreThan100_FinishesInTheBackgroundWithAnOutboxNotification()
    {
        await using var h = await ConfiguredAsync();
        Seed(h, 101);
        var listing = await h.BlueJeans.ListImportCandidatesAsync();

        var result = h.BlueJeans.Import(listing.Users);
        await h.IdleAsync();

        Assert.That(result.Completed, Is.False);
        Assert.That(h.Directory.Users, Has.Count.EqualTo(101));
        var notification = h.Idm.Outbox.Single();
        Assert.That(notification.Time, Is.EqualTo(h.Time.GetUtcNow()));
        Assert.That(notification.Text, Does.Contain("101 users imported"));
    }

    [Test]
    public async Task ImportedUsers_StayUnmanagedUntilInABoundGroup()
    {
        await using var h = await ConfiguredAsync();
        Seed(h, 1);
        await h.ActivatedAsync();
        h.BlueJeans.Import((await h.BlueJeans.ListImportCandidatesAsync()).Users);
        var before = h.Sp.Requests.Count;

        h.Directory.UpdateUser("sp.user0", u => u with { JobTitle = "Edited" });
        await h.IdleAsync();
        Assert.That(h.RequestsSince(before), Is.Empty);

        h.Directory.AddMember(IdmHarness.Group, "sp.user0");
        await h.IdleAsync();
        Assert.That((string?)h.Sp.User("sp.user0")!["title"], Is.EqualTo("Edited"));
    }

    private static void Seed(IdmHarness h, int count)
    {
        for (var i = 0; i < count; i++)
        {
            h.Sp.SeedUser(new JsonObject
            {
                ["userName"] = $"sp.user{i}",
                ["externalId"] = $"EXT-{i}",
                ["active"] = true,
                ["name"] = new JsonObject { ["givenName"] = $"Given{i}", ["familyName"] = $"Family{i}" },
                ["emails"] = new JsonArray(new JsonObject { ["value"] = $"sp.user{i}@example.test", ["primary"] = true }),
            });
        }
    }

    private static async Task<IdmHarness> ConfiguredAsync(int pageSize = 100)
    {
        var h = await IdmHarness.StartAsync(o => o with { ImportPageSize = pageSize });
        await h.BlueJeans.ConfigureAsync(h.Settings());
        return h;
    }
}
