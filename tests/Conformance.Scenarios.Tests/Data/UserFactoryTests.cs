using System.Text.Json;
using Conformance.Core.Directories;
using Conformance.Scenarios.Data;
using Conformance.Scenarios.Model;

namespace Conformance.Scenarios.Tests.Data;

public sealed class UserFactoryTests
{
    [Test]
    public void Create_WithSameSeed_GivesByteIdenticalUsers()
    {
        var data = new TestDataSpec { Count = 25, EdgeCases = ["right-to-left"] };

        var first = JsonSerializer.Serialize(UserFactory.Create(data, runSeed: 42));
        var second = JsonSerializer.Serialize(UserFactory.Create(data, runSeed: 42));

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Create_WithAnotherSeed_GivesOtherUsers()
    {
        var data = new TestDataSpec { Count = 5 };

        Assert.That(UserFactory.Create(data, 2).Select(u => u.Username), Is.Not.EqualTo(UserFactory.Create(data, 1).Select(u => u.Username)));
    }

    [Test]
    public void Create_WithScenarioSeed_IgnoresTheRunSeed()
    {
        var data = new TestDataSpec { Count = 3, Seed = 7 };

        Assert.That(UserFactory.Create(data, 1).Select(u => u.Email), Is.EqualTo(UserFactory.Create(data, 99).Select(u => u.Email)));
    }

    private static RunNamespace Mark(string mark) => RunNamespace.TryParse(mark, out var ns) ? ns : throw new ArgumentException(mark);

    [Test]
    public void Create_WithANamespace_MarksUsernameEmailAndEmployeeId()
    {
        var data = new TestDataSpec { Count = 3, Users = [new UserSpec { Username = "bjn.native001", Email = "native@bluejeans.example" }] };

        var users = UserFactory.Create(data, 1, Mark("k3x9"));

        Assert.That(users.Select(u => u.Username), Has.All.StartWith("k3x9."));
        Assert.That(users.Select(u => u.Email), Has.All.StartWith("k3x9"));
        Assert.That(users.Select(u => u.EmployeeIdentifier), Has.All.StartWith("k3x9."));
        Assert.That(users[3].Username, Is.EqualTo("k3x9.bjn.native001"));
        Assert.That(users[3].Email, Is.EqualTo("k3x9.native@bluejeans.example"));
    }

    [Test]
    public void Create_WithANamespace_KeepsTheBoundaryValuesAtTheirLengths()
    {
        var data = new TestDataSpec { EdgeCases = ["username-max", "username-over-max", "long-email"] };
        var plain = UserFactory.Create(data, 1);

        var marked = UserFactory.Create(data, 1, Mark("k3x9"));

        Assert.That(marked.Take(2).Select(u => u.Username.Length), Is.EqualTo(new[] { 30, 31 }));
        Assert.That(marked[2].Email, Has.Length.EqualTo(plain[2].Email.Length), "the 64-character local part stays 64");
        Assert.That(marked.Select(u => u.Username), Has.All.StartWith("k3x9."));
    }

    [Test]
    public void Create_WithoutANamespace_IsTheSeedsUsersUnchanged()
    {
        var data = new TestDataSpec { Count = 10 };

        Assert.That(JsonSerializer.Serialize(UserFactory.Create(data, 5, RunNamespace.None)), Is.EqualTo(JsonSerializer.Serialize(UserFactory.Create(data, 5))));
    }

    [Test]
    public void Generate_GivesEmailsThatFitBlueJeansUserIds()
    {
        var users = UserFactory.Generate(seed: 11, locale: "en", count: 500);

        Assert.That(users.Select(u => u.Email), Has.All.Length.LessThanOrEqualTo(UserFactory.UsernameLimit));
        Assert.That(users.Select(u => UserFactory.Mark(u, Mark("abcdefgh")).Email), Has.All.Length.LessThanOrEqualTo(UserFactory.UsernameLimit));
    }

    [Test]
    public void Generate_FillsEveryAttributeOfTheMappingTable()
    {
        var users = UserFactory.Generate(seed: 3, locale: "en", count: 50);

        Assert.That(users.Select(u => u.Username).Distinct().Count(), Is.EqualTo(50));
        Assert.That(users, Has.All.Matches<Core.Directories.DirectoryUser>(u =>
            u.Username.Length is > 0 and <= 30 && u.Email.Contains('@', StringComparison.Ordinal)
            && u.FirstName.Length > 0 && u.LastName.Length > 0 && !string.IsNullOrEmpty(u.EmployeeIdentifier)
            && !string.IsNullOrEmpty(u.JobTitle) && !string.IsNullOrEmpty(u.WorkPhone) && u.Password.Length >= 16 && u.Active));
    }

    [TestCase("username-max", 30, 30)]
    [TestCase("username-over-max", 30, 31)]
    [TestCase("username-max", 64, 64)]
    [TestCase("username-over-max", 64, 65)]
    [TestCase("username-over-max", UserFactory.MinUsernameLimit, UserFactory.MinUsernameLimit + 1)]
    public void EdgeCase_UserNameBoundary_IsTheSpsLimitOrOneMore(string name, int limit, int length)
    {
        Assert.That(UserFactory.EdgeCases[name](limit).Username, Has.Length.EqualTo(length));
    }

    [Test]
    public void Create_ForAnSpWithALongerLimit_MarksTheBoundaryUsersWithinIt()
    {
        var data = new TestDataSpec { Count = 3, EdgeCases = ["username-max", "username-over-max"] };

        var users = UserFactory.Create(data, 1, Mark("k3x9"), usernameLimit: 64);

        Assert.That(users.Skip(3).Select(u => u.Username.Length), Is.EqualTo(new[] { 64, 65 }));
        Assert.That(users.Select(u => u.Username), Has.All.StartWith("k3x9."));
    }

    [Test]
    public void Create_ForAnSpWithAShorterLimit_GeneratesUsersWithinIt()
    {
        var users = UserFactory.Create(new TestDataSpec { Count = 20 }, 1, Mark("k3x9"), usernameLimit: 12);

        Assert.That(users.Select(u => u.Username), Has.All.Length.LessThanOrEqualTo(12));
        Assert.That(users.Select(u => u.Email), Has.All.Length.LessThanOrEqualTo(12 + "@.example".Length + 10));
    }

    [Test]
    public void Create_WithExplicitUser_KeepsWhatIsGivenAndFillsTheRest()
    {
        var data = new TestDataSpec { Users = [new UserSpec { Username = "o'brien", JobTitle = "<&]]>" }] };

        var user = UserFactory.Create(data, 1).Single();

        Assert.That((user.Username, user.JobTitle), Is.EqualTo(("o'brien", "<&]]>")));
        Assert.That(user.Email, Does.Contain('@'));
    }

    [Test]
    public void Create_WithUnknownEdgeCase_NamesTheKnownOnes()
    {
        var data = new TestDataSpec { EdgeCases = ["nope"] };

        Assert.That(() => UserFactory.Create(data, 1), Throws.ArgumentException.With.Message.Contains("username-over-max"));
    }
}
