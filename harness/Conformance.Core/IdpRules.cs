namespace Conformance.Core;

/// <summary>
/// Rules of the integration guide that the mock IdP obeys, as JumpCloud does. Each can be switched off: that is how
/// the suite proves (in its own tests) that the scenario claiming a rule fails against an IdP that breaks it. The CLI
/// never switches one off.
/// </summary>
public sealed record IdpRules
{
    /// <summary>The IdP as the guide describes it.</summary>
    public static IdpRules Guide { get; } = new();

    /// <summary>
    /// "If you need to update the SCIM token key, you must deactivate the IdM integration, update the token key, and
    /// then reactivate the integration." Off: a new token pasted while active is verified against the SP and, when the
    /// SP accepts it, used at once.
    /// </summary>
    public bool TokenChangeOnlyWhileDeactivated { get; init; } = true;

    /// <summary>Same guide line: the update is followed by a reactivation. Off: saving a new token re-activates by itself.</summary>
    public bool TokenUpdateWaitsForReactivation { get; init; } = true;

    /// <summary>
    /// "enter the name you want to use for the end of the SSO IdP URL". Off: the IdP ignores the custom suffix and
    /// serves the application at its name.
    /// </summary>
    public bool SsoUrlEndsWithSuffix { get; init; } = true;

    /// <summary>
    /// "These DI events will only be present if SCIM Groups are supported." (group management on the IdM tab). Off:
    /// groups are pushed and their DI events logged with group management off.
    /// </summary>
    public bool GroupsOnlyWhenEnabled { get; init; } = true;

    /// <summary>
    /// "If you are importing less than 100 users, your import results will display in real time": imports of up to
    /// this many users finish inline; larger ones finish in the background with a notification.
    /// </summary>
    public int RealTimeImportLimit { get; init; } = 100;
}
