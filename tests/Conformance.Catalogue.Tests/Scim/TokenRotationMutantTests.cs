namespace Conformance.Catalogue.Tests.Scim;

/// <summary>The rotation scenario notices an IdP that breaks "deactivate, update the token key, then reactivate".</summary>
public sealed class TokenRotationMutantTests
{
    [Test]
    public async Task Rotation_WhenTheIdpUsesAValidTokenPastedWhileActive_FailsOnTheRefusal()
    {
        var result = await Misbehaviour.WithIdpRulesAsync("scim.idm.token-regenerated", r => r with { TokenChangeOnlyWhileDeactivated = false });

        Misbehaviour.AssertFailsOn(result, "The token change is refused while active", "false");
    }

    [Test]
    public async Task RotationOnAnySp_WhenTheIdpTriesATokenPastedWhileActive_FailsOnTheUntriedToken()
    {
        var result = await Misbehaviour.WithIdpRulesAsync("scim.idm.token-rotation", r => r with { TokenChangeOnlyWhileDeactivated = false });

        Misbehaviour.AssertFailsOn(result, "The IdP refuses without trying the pasted token on the SP", "1");
    }

    [Test]
    public async Task Rotation_WhenSavingTheKeyReactivatesByItself_FailsOnTheInactiveIntegration()
    {
        var result = await Misbehaviour.WithIdpRulesAsync("scim.idm.token-regenerated", r => r with { TokenUpdateWaitsForReactivation = false });

        Misbehaviour.AssertFailsOn(result, "Saving the key does not reactivate the integration", "true");
    }

    [Test]
    public async Task Rotation_AgainstTheGuidesIdp_PassesAndPutsTheRunsTokenBack()
    {
        var result = await Catalogue.RunAsync(Catalogue.Get("scim.idm.token-regenerated"));
        var next = await Catalogue.RunAsync(Catalogue.Get("scim.user.lifecycle"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Conformance.Scenarios.Results.Outcome.Passed), Catalogue.Describe(result));
            Assert.That(result.Leftovers, Is.Empty, Catalogue.Describe(result));
            Assert.That(next.Outcome, Is.EqualTo(Conformance.Scenarios.Results.Outcome.Passed), "the scenario after a rotation: " + Catalogue.Describe(next));
        });
    }
}
