using Conformance.Core;
using Conformance.Results;

namespace Conformance.Catalogue.Tests;

/// <summary>
/// Mutation proofs on the IdP side: each case switches off one guide rule the mock IdP obeys and asserts that the
/// scenario claiming the rule fails on the named check with the named observation.
/// </summary>
public sealed class IdpMutantTests
{
    public sealed record Mutant(string Rule, string Scenario, Func<IdpRules, IdpRules> Change, string Check, string Actual)
    {
        public override string ToString() => Rule;
    }

    private static IEnumerable<TestCaseData> Mutants() =>
        new Mutant[]
        {
            new("real-time import up to 149 users", "scim.import.boundary", r => r with { RealTimeImportLimit = 149 },
                "101 users do not finish in real time", "true"),
            new("real-time import of 98 users only", "scim.import.boundary", r => r with { RealTimeImportLimit = 98 },
                "99 users finish in real time", "false"),
            new("a valid token pasted while active is used", "scim.idm.token-regenerated", r => r with { TokenChangeOnlyWhileDeactivated = false },
                "The token change is refused while active", "false"),
            new("a token pasted while active is tried on the SP", "scim.idm.token-rotation", r => r with { TokenChangeOnlyWhileDeactivated = false },
                "The IdP refuses without trying the pasted token on the SP", "1"),
            new("saving the token key reactivates", "scim.idm.token-regenerated", r => r with { TokenUpdateWaitsForReactivation = false },
                "Saving the key does not reactivate the integration", "true"),
            new("the IdP URL ends with the application's name", "sso.app.custom-suffix", r => r with { SsoUrlEndsWithSuffix = false },
                "The SP sends its AuthnRequest to …/saml2/bjn-video, the IdP URL ending in the custom value", "false"),
            new("groups pushed with group management off", "scim.group.management-off", r => r with { GroupsOnlyWhenEnabled = false },
                "No group_* event is logged", "5"),
        }.Select(m => new TestCaseData(m).SetArgDisplayNames(m.Rule));

    [TestCaseSource(nameof(Mutants))]
    public async Task Scenario_AgainstAnIdpBreakingTheRule_FailsOnTheNamedCheck(Mutant mutant)
    {
        var result = await Catalogue.RunAsync(Catalogue.Get(mutant.Scenario), idpRules: mutant.Change(IdpRules.Guide));

        Misbehaviour.AssertFailsOn(result, mutant.Check, mutant.Actual);
    }

    [Test]
    public async Task TokenRegenerated_AgainstTheGuidesIdp_PassesAndPutsTheRunsTokenBack()
    {
        var result = await Catalogue.RunAsync(Catalogue.Get("scim.idm.token-regenerated"));
        var next = await Catalogue.RunAsync(Catalogue.Get("scim.user.lifecycle"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Passed), Catalogue.Describe(result));
            Assert.That(result.Leftovers, Is.Empty, Catalogue.Describe(result));
            Assert.That(next.Outcome, Is.EqualTo(Outcome.Passed), "the scenario after a rotation: " + Catalogue.Describe(next));
        });
    }
}
