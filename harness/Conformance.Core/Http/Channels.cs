namespace Conformance.Core.Http;

/// <summary>Which part of the harness spoke, as every captured exchange names it (reports and checks filter on it).</summary>
public static class Channels
{
    /// <summary>The IdP's SCIM pushes (the IdM tab).</summary>
    public const string Scim = "scim";

    /// <summary>SAML traffic outside a browser: the user agent's walks, forged posts, metadata reads.</summary>
    public const string Saml = "saml";

    /// <summary>The harness reading the SP's own records through SCIM, as the SP's admin would (checks, never pushes).</summary>
    public const string SpRead = "sp-read";

    /// <summary>The clean-up deleting what a scenario created in the SP.</summary>
    public const string Cleanup = "cleanup";

    /// <summary>The harness talking to the SP's control API, or seeding the SP as its own admin: never counted as pushes.</summary>
    public const string Control = "control";
}
