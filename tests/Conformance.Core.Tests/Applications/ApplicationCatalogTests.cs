using Conformance.Core.Applications;
using Conformance.Core.Directories;

namespace Conformance.Core.Tests.Applications;

public sealed class ApplicationCatalogTests
{
    private static (JumpCloudDirectory Directory, ApplicationCatalog Catalog) Baseline()
    {
        var directory = new JumpCloudDirectory();
        directory.AddUser(new DirectoryUser { Id = "u1", Username = "ada", Email = "ada@example.test" });
        directory.AddGroup("g1", "Engineering");
        var catalog = new ApplicationCatalog(directory);
        catalog.Create(new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "bluejeans" });
        return (directory, catalog);
    }

    [Test]
    public void Create_WithTakenSuffix_IsRefused()
    {
        var (_, catalog) = Baseline();

        var refused = Assert.Throws<ApplicationRefusedException>(() =>
            catalog.Create(new ApplicationSettings { Name = "Other", SsoSuffix = "bluejeans" }));

        Assert.That(refused!.Message, Does.Contain("already used"));
    }

    [Test]
    public void Update_WithDifferentSuffix_IsRefusedAndKeepsTheOriginal()
    {
        var (_, catalog) = Baseline();

        Assert.Throws<ApplicationRefusedException>(() =>
            catalog.Update("BlueJeans", new ApplicationSettings { Name = "BlueJeans", SsoSuffix = "renamed" }));

        Assert.That(catalog.Get("BlueJeans").SsoSuffix, Is.EqualTo("bluejeans"));
    }

    [Test]
    public void IsAuthorized_WithoutBoundGroup_IsFalse()
    {
        var (directory, catalog) = Baseline();
        directory.AddMember("Engineering", "ada");

        Assert.That(catalog.IsAuthorized("BlueJeans", "ada"), Is.False);
    }

    [Test]
    public void IsAuthorized_WhenMemberOfBoundGroup_IsTrue()
    {
        var (directory, catalog) = Baseline();
        directory.AddMember("Engineering", "ada");

        catalog.BindGroup("BlueJeans", "Engineering");

        Assert.That(catalog.IsAuthorized("BlueJeans", "ada"), Is.True);
    }

    [Test]
    public void IsAuthorized_WhenSuspended_IsFalse()
    {
        var (directory, catalog) = Baseline();
        directory.AddMember("Engineering", "ada");
        catalog.BindGroup("BlueJeans", "Engineering");

        directory.UpdateUser("ada", u => u with { Active = false });

        Assert.That(catalog.IsAuthorized("BlueJeans", "ada"), Is.False);
    }

    [Test]
    public void DeleteGroup_WhenBound_RemovesTheBindingSoUsersOfStillWorks()
    {
        var (directory, catalog) = Baseline();
        directory.AddMember("Engineering", "ada");
        catalog.BindGroup("BlueJeans", "Engineering");

        directory.DeleteGroup("Engineering");

        Assert.That(catalog.Get("BlueJeans").BoundGroupIds, Is.Empty);
        Assert.That(catalog.UsersOf("BlueJeans"), Is.Empty);
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("/relative/path")]
    [TestCase("")]
    public void CreateBookmark_WithAUrlThatIsNotHttp_IsRefused(string url)
    {
        var (_, catalog) = Baseline();

        var refused = Assert.Throws<ApplicationRefusedException>(() =>
            catalog.Create(new ApplicationSettings { Name = "Bookmark", DisplayLabel = "Handbook", Kind = ApplicationKind.Bookmark, BookmarkUrl = url }));

        Assert.That(refused!.Message, Does.StartWith("A Bookmark needs the URL its tile opens (http or https)"));
    }

    [Test]
    public void CreateBookmark_TwoWithTheirOwnLabels_BothExist()
    {
        var (_, catalog) = Baseline();

        var handbook = catalog.Create(new ApplicationSettings { Name = "Bookmark", DisplayLabel = "Handbook", Kind = ApplicationKind.Bookmark, BookmarkUrl = "https://handbook.example.test/" });
        var wiki = catalog.Create(new ApplicationSettings { Name = "Bookmark", DisplayLabel = "Wiki", Kind = ApplicationKind.Bookmark, BookmarkUrl = "https://wiki.example.test/" });

        Assert.That((handbook.SsoSuffix, wiki.SsoSuffix, wiki.BookmarkActive), Is.EqualTo(("handbook", "wiki", true)));
    }

    [Test]
    public void DeactivateBookmark_OfASamlApplication_IsRefusedAndChangesNothing()
    {
        var (_, catalog) = Baseline();

        var refused = Assert.Throws<ApplicationRefusedException>(() => catalog.DeactivateBookmark("bluejeans"));

        Assert.That(refused!.Message, Does.Contain("deactivate its SSO instead"));
        Assert.That(catalog.Get("bluejeans").Kind, Is.EqualTo(ApplicationKind.Saml));
    }

    [Test]
    public void DeactivateBookmark_OfABookmark_HidesIt()
    {
        var (_, catalog) = Baseline();
        catalog.Create(new ApplicationSettings { Name = "Bookmark", DisplayLabel = "Handbook", Kind = ApplicationKind.Bookmark, BookmarkUrl = "https://handbook.example.test/" });

        Assert.That(catalog.DeactivateBookmark("Handbook").BookmarkActive, Is.False);
    }

    [Test]
    public void Update_ASamlApplicationWithABookmarkUrl_IsRefused()
    {
        var (_, catalog) = Baseline();

        Assert.Throws<ApplicationRefusedException>(() => catalog.Update("bluejeans", new ApplicationSettings { Name = "BlueJeans", BookmarkUrl = "https://x.example.test/" }));
    }
}
