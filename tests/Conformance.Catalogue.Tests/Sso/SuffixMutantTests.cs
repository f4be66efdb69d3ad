namespace Conformance.Catalogue.Tests.Sso;

/// <summary>The custom-suffix scenario notices an IdP that serves the application at its name instead.</summary>
public sealed class SuffixMutantTests
{
    [Test]
    public async Task CustomSuffix_WhenTheIdpUsesTheApplicationsName_FailsOnWhereTheSpSendsItsUsers()
    {
        var result = await Misbehaviour.WithIdpRulesAsync("sso.app.custom-suffix", r => r with { SsoUrlEndsWithSuffix = false });

        Misbehaviour.AssertFailsOn(result, "The SP sends its AuthnRequest to …/saml2/bjn-video, the IdP URL ending in the custom value", "false");
    }
}
