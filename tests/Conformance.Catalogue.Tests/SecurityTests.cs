using System.Text.RegularExpressions;
using Conformance.Results;
using Conformance.Saml.Attacks;

namespace Conformance.Catalogue.Tests;

/// <summary>
/// Each security scenario proven able to fail: with the stub defence that refuses its case switched
/// off, the scenario fails (warns, for the warning cases) and says whom the SP logged in as.
/// </summary>
public sealed partial class SecurityTests
{
    private const string Prefix = "security.";

    public static IEnumerable<TestCaseData> Defended() =>
        Catalogue.Scenarios.Where(s => s.Area == Area.Security)
            .Select(s => (Scenario: s, Attack: AttackCatalog.Get(s.Id[Prefix.Length..])))
            .Where(x => x.Attack.StubDefence is not null)
            .Select(x => new TestCaseData(x.Scenario.Id, x.Attack.StubDefence).SetName($"{x.Scenario.Id} fails with '{x.Attack.StubDefence}' off"));

    [Test]
    public void SecurityScenarios_CoverEveryAttackCaseOnce()
    {
        var cases = Catalogue.Scenarios.Where(s => s.Area == Area.Security).Select(s => s.Id[Prefix.Length..]);

        Assert.That(cases, Is.EquivalentTo(AttackCatalog.All.Select(a => a.Id)));
    }

    [Test]
    public void SecurityScenarios_AreTaggedWithTheirFamilyAndCiteASamlSection()
    {
        Assert.Multiple(() =>
        {
            foreach (var scenario in Catalogue.Scenarios.Where(s => s.Area == Area.Security))
            {
                var attack = AttackCatalog.Get(scenario.Id[Prefix.Length..]);
                Assert.That(scenario.Tags, Does.Contain("security").And.Contain(Kebab(attack.Family.ToString())), scenario.Id);
                Assert.That(scenario.Requirements.Select(r => r.Source), Does.Contain(RequirementSource.Saml), scenario.Id);
            }
        });
    }

    [TestCaseSource(nameof(Defended))]
    public async Task Scenario_WithItsStubDefenceOff_FailsNamingTheImpersonatedUser(string id, string defence)
    {
        var attack = AttackCatalog.Get(id[Prefix.Length..]);

        var result = await Catalogue.RunAsync(Catalogue.Get(id), (control, ct) => control.SetDefenceAsync(defence, false, ct));

        var refused = result.Steps.SelectMany(s => s.Checks).Single(c => c.Condition == "security.refused");
        var named = LoggedInAs().Match(refused.Message ?? "");
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(attack.Severity == AttackSeverity.Warning ? Outcome.Warning : Outcome.Failed), Catalogue.Describe(result));
            Assert.That(named.Success, Is.True, refused.Message);
            Assert.That(named.Groups["user"].Value, Is.EqualTo(named.Groups["impersonated"].Value), refused.Message);
            if (attack.Family == AttackFamily.SignatureWrapping || attack.Id == "two-assertions-one-signed")
            {
                Assert.That(named.Groups["user"].Value, Is.EqualTo("admin"), "a wrapping-vulnerable SP logs in as the attacker");
            }
        });
    }

    private static string Kebab(string name) => KebabBoundary().Replace(name, "-$1").ToLowerInvariant();

    [GeneratedRegex("logged in as '(?<user>[^']+)'.*impersonates '(?<impersonated>[^']+)'")]
    private static partial Regex LoggedInAs();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex KebabBoundary();
}
