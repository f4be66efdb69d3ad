namespace Conformance.Catalogue.Tests.Scim;

/// <summary>The SCIM checks fail, on the right check, when the stub breaks the guide's limits.</summary>
public sealed class ScimMisbehaviourTests
{
    [Test]
    public async Task UserNameLength_WhenTheSpAcceptsThirtyOneCharacters_FailsOnTheRefusal()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("scim.user.username-length", "username-length");

        Misbehaviour.AssertFailsOn(result, "user_create_provision failed for 31 characters", "0");
    }

    [Test]
    public async Task UserNameLength_WhenTheSpAcceptsThirtyOneCharacters_ShowsTheStoredUser()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("scim.user.username-length", "username-length");

        Assert.That(Misbehaviour.FailedChecks(result)["The 31-character userName is refused"], Does.Contain("bbbbbbbbbbbbbbbbbbbb-thirty-one"));
    }

    [Test]
    public async Task Recordings_WhenTheSpDeprovisionsWith251Recordings_FailsOnTheUserStayingActive()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("scim.user.deprovision-recordings", "recordings-limit");

        Misbehaviour.AssertFailsOn(result, "The user with 251 recordings stays active", "false");
    }
}
