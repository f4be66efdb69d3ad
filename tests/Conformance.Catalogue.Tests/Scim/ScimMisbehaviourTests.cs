namespace Conformance.Catalogue.Tests.Scim;

/// <summary>The SCIM checks fail, on the right check, when the stub breaks the guide's limits.</summary>
public sealed class ScimMisbehaviourTests
{
    [Test]
    public async Task UserNameLength_WhenTheSpAcceptsThirtyOneCharacters_FailsOnTheRefusal()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("scim.user.username-length", "username-length");

        Misbehaviour.AssertFailsOn(result, "user_create_provision failed for it", "0");
    }

    [Test]
    public async Task UserNameLength_WhenTheSpAcceptsThirtyOneCharacters_ShowsTheStoredUser()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("scim.user.username-length", "username-length");

        Assert.That(Misbehaviour.FailedChecks(result)["A userName one character longer is refused"], Does.Contain("bbbbbbbbbbbbbbbbbbbbbbb-over"));
    }

    [Test]
    public async Task Recordings_WhenTheSpDeprovisionsWith251Recordings_FailsOnTheUserStayingActive()
    {
        var result = await Misbehaviour.WithoutDefenceAsync("scim.user.deprovision-recordings", "recordings-limit");

        Misbehaviour.AssertFailsOn(result, "The user with 251 recordings stays active", "false");
    }

    [Test]
    public async Task Activate_WhenNothingListensAtTheScimUrl_FailsOnTheSpsOwnRefusalNotAsARefusedToken()
    {
        var target = Path.Combine(Path.GetTempPath(), $"unreachable-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(target, "name: Unreachable SP\nscim: { baseUrl: \"http://127.0.0.1:9/scim/v2\", token: \"token-0123456789abcdef\", timeoutSeconds: 2, retryBackoffMilliseconds: 10 }\n");
        try
        {
            var result = await Catalogue.RunAsync(Catalogue.Get("scim.idm.activate"), targetFile: target);

            Misbehaviour.AssertFailsOn(result, "The SP itself refused the token: 401 to the verification request, not a dropped or refused connection", "0");
        }
        finally
        {
            File.Delete(target);
        }
    }
}
