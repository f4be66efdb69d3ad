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
}
