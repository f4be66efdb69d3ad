using System.Text.Json;
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

    [TestCase("username-30", 30)]
    [TestCase("username-31", 31)]
    public void EdgeCase_UserNameBoundary_HasTheNamedLength(string name, int length)
    {
        Assert.That(UserFactory.EdgeCases[name].Username, Has.Length.EqualTo(length));
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

        Assert.That(() => UserFactory.Create(data, 1), Throws.ArgumentException.With.Message.Contains("username-31"));
    }
}
