namespace Conformance.Catalogue.Tests.Scim;

/// <summary>The boundary users come from the target's limits.userNameMaxLength: a wrong limit is noticed, not ignored.</summary>
public sealed class UsernameLimitTests
{
    [Test]
    public async Task UsernameLength_WhenTheTargetUnderstatesTheLimit_FailsBecauseTheSpTakesOneMore()
    {
        var folder = Directory.CreateTempSubdirectory("conformance-limit-").FullName;
        var target = Path.Combine(folder, "stub-29.yaml");
        var yaml = await File.ReadAllTextAsync(Path.Combine(Catalogue.Root, "mocks", "targets", "bluejeans-stub.yaml"));
        await File.WriteAllTextAsync(target, yaml.Replace("userNameMaxLength: 30", "userNameMaxLength: 29", StringComparison.Ordinal)
            .Replace("name: BlueJeans (embedded stub)", "name: BlueJeans stub said to stop at 29", StringComparison.Ordinal));

        var result = await Catalogue.RunAsync(Catalogue.Get("scim.user.username-length"), targetFile: target);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Conformance.Results.Outcome.Failed), Catalogue.Describe(result));
            Assert.That(Misbehaviour.FailedChecks(result), Does.ContainKey("A userName one character longer is refused"), Catalogue.Describe(result));
        });
    }
}
