namespace Conformance.Catalogue.Tests.Di;

/// <summary>The DI checks fail, on the right check, when the SP no longer causes the failure an event must record.</summary>
public sealed class DiMisbehaviourTests
{
    [Test]
    public async Task UserDeprovision_WhenTheSpNoLongerRefuses251Recordings_FailsOnTheMissingFailedEvent()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("di.user.deprovision", "recordings-limit");

        Misbehaviour.AssertFailsOn(result, "user_deprovision failed", "0");
    }

    [Test]
    public async Task UserCreate_WhenTheSpAcceptsALongUserName_FailsOnTheMissingFailedEvent()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("di.user.create", "username-length");

        Misbehaviour.AssertFailsOn(result, "user_create_provision failed", "0");
    }
}
