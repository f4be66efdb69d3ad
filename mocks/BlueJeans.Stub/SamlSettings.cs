namespace BlueJeans.Stub;

/// <summary>
/// The SP's ADMIN &gt; SECURITY page. From the guide: "Select Enable automatic provisioning.",
/// "In Certificate Path, click CHOOSE FILE to locate and upload the certificate", "Login URL - copy and
/// paste the JumpCloud IDP URL.", "Password Change URL", "Logout URL", "Fill in the User ID and Email
/// fields", "If the User ID field is not visible, uncheck Pick User ID from &lt;saml2:NameID&gt; element."
/// </summary>
public sealed record SamlSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>An unknown user who signs in with a valid Assertion is created on the spot.</summary>
    public bool AutoProvisioning { get; init; } = true;

    /// <summary>The IdP signing certificate (PEM). The only key the ACS trusts; KeyInfo in a Response is ignored.</summary>
    public string? CertificatePem { get; init; }

    public string? LoginUrl { get; init; }
    public string? PasswordChangeUrl { get; init; }
    public string? LogoutUrl { get; init; }

    /// <summary>The Attribute naming the user when <see cref="PickUserIdFromNameId"/> is off.</summary>
    public string? UserIdAttribute { get; init; }

    public string? EmailAttribute { get; init; }
    public bool PickUserIdFromNameId { get; init; } = true;

    /// <summary>The Issuer the ACS requires; null accepts any Issuer.</summary>
    public string? IdpEntityId { get; init; }

    /// <summary>The IdP's single logout endpoint: where the SP answers a LogoutRequest (HTTP-Redirect binding).</summary>
    public string? IdpSloUrl { get; init; }
}
