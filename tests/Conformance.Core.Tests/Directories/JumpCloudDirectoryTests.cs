using Conformance.Core.Directories;

namespace Conformance.Core.Tests.Directories;

public sealed class JumpCloudDirectoryTests
{
    [Test]
    public void NewUserId_AfterADeletion_IsNotAnIdInUse()
    {
        var directory = new JumpCloudDirectory();
        directory.AddUser(new DirectoryUser { Id = directory.NewUserId(), Username = "ada", Email = "ada@example.test" });
        directory.AddUser(new DirectoryUser { Id = directory.NewUserId(), Username = "bob", Email = "bob@example.test" });
        directory.DeleteUser("ada");

        var next = directory.NewUserId();

        Assert.That(directory.Users.Select(u => u.Id), Does.Not.Contain(next));
        Assert.That(next, Is.EqualTo("u00003x"));
    }

    [Test]
    public void NewGroupId_InAnEmptyDirectory_IsTheFirst() =>
        Assert.That(new JumpCloudDirectory().NewGroupId(), Is.EqualTo("g0001"));
}
