namespace Conformance.Saml.Bindings;

/// <summary>The form and query fields of the HTTP-POST and HTTP-Redirect bindings (SAML Bindings 3.4.3, 3.5.3, 3.4.4.1).</summary>
public static class BindingFields
{
    public const string SamlRequest = "SAMLRequest";
    public const string SamlResponse = "SAMLResponse";
    public const string RelayState = "RelayState";
    public const string SigAlg = "SigAlg";
    public const string Signature = "Signature";
}
