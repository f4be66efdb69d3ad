namespace Conformance.Catalogue.Tests.Sso;

/// <summary>The SSO checks fail, on the right check, when the stub stops enforcing what the scenario relies on.</summary>
public sealed class SsoMisbehaviourTests
{
    [Test]
    public async Task Certificate_WhenTheSpSkipsSignatureChecks_FailsOnTheForeignCertificateRefusal()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("sso.certificate.untrusted-key", "signature");

        Misbehaviour.AssertFailsOn(result, "The SP refuses a Response its uploaded certificate does not verify", "accepted");
    }

    [Test]
    public async Task Certificate_WhenTheSpSkipsSignatureChecks_AlsoFailsOnTheSessionCount()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("sso.certificate.untrusted-key", "signature");

        Misbehaviour.AssertFailsOn(result, "No session is opened", "1");
    }

    [Test]
    public async Task UserIdAttribute_WhenTheSpIgnoresTheEmailField_FailsOnTheSessionsEmail()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("sso.user-id.from-attribute", "email-attribute");

        Misbehaviour.AssertFailsOn(result, "The session's email comes from the mail attribute", "0");
    }
}
