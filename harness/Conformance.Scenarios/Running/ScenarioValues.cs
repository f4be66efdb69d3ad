namespace Conformance.Scenarios.Running;

/// <summary>
/// The names a scenario may expand with <c>${name}</c> besides <c>users[i].property</c>, <c>target.name</c> and
/// <c>mark:NAME</c>: what the harness and the steps set while a scenario runs. One list, so that <c>validate</c>
/// refuses a name no step will ever set instead of the run failing on it.
/// </summary>
public static class ScenarioValues
{
    public const string AppId = "app.id";
    public const string AppSuffix = "app.suffix";
    public const string IdpBaseUrl = "idp.baseUrl";
    public const string IdpUserConsoleUrl = "idp.userConsoleUrl";
    public const string IdpSsoUrl = "idp.ssoUrl";
    public const string IdpEntityId = "idp.entityId";
    public const string SpRelayState = "sp.relayState";
    public const string SpSloUrl = "sp.sloUrl";
    public const string SpNewToken = "sp.newToken";

    /// <summary>The target's limits.userNameMaxLength, when it gives one.</summary>
    public const string LimitsUserNameMaxLength = "limits.userNameMaxLength";

    public static IReadOnlyList<string> All { get; } = [AppId, AppSuffix, IdpBaseUrl, IdpUserConsoleUrl, IdpSsoUrl, IdpEntityId, SpRelayState, SpSloUrl, SpNewToken, LimitsUserNameMaxLength];
}
