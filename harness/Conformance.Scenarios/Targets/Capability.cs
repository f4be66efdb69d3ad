namespace Conformance.Scenarios.Targets;

/// <summary>
/// The names scenarios list in <c>needs:</c> and steps ask for, as <see cref="TargetLoader.Capabilities"/> derives them
/// from what a target declares: one spelling for the loader, the steps and the skip reasons.
/// </summary>
public static class Capability
{
    public const string Scim = "scim";
    public const string ScimGroups = "scim.groups";
    public const string ScimPasswordSync = "scim.password-sync";
    public const string Saml = "saml";
    public const string SamlSpInitiated = "saml.sp-initiated";
    public const string SamlSlo = "saml.slo";
    public const string SamlSessionPage = "saml.session-page";
    public const string SamlPasswordChangeLink = "saml.links.password-change";
    public const string SamlLogoutLink = "saml.links.logout";
    public const string SamlUserIdFromNameId = "saml.user-id-from-name-id";
    public const string SamlWantAssertionsSigned = "saml.want-assertions-signed";
    public const string SamlWantResponseSigned = "saml.want-response-signed";
    public const string LimitsUsernameLength = "limits.username-length";
    public const string LimitsRecordings = "limits.recordings";
    public const string Control = "control";

    /// <summary>A capability of the SP's control API (<c>control.saml</c>, <c>control.reset</c>…), one of <see cref="ControlSpec.Known"/>.</summary>
    public static string OfControl(string capability) => Control + "." + capability;

    /// <summary>The SP profile the target names (<c>profile.bluejeans</c>).</summary>
    public static string OfProfile(string profile) => "profile." + profile;
}
