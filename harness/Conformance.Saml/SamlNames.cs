namespace Conformance.Saml;

/// <summary>The SAML 2.0 URIs this suite speaks (SAML core, bindings and profiles, OASIS 2005).</summary>
public static class SamlNames
{
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string XmlSchema = "http://www.w3.org/2001/XMLSchema";
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    public const string HttpRedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    public const string HttpPostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

    public const string NameIdUnspecified = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    public const string NameIdEmailAddress = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    public const string NameIdPersistent = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    public const string NameIdTransient = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    public const string NameIdEntity = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";

    public const string BearerConfirmation = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    public const string PasswordProtectedTransport = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
    public const string BasicAttributeNameFormat = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";

    public const string StatusSuccess = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public const string StatusRequester = "urn:oasis:names:tc:SAML:2.0:status:Requester";
    public const string StatusResponder = "urn:oasis:names:tc:SAML:2.0:status:Responder";

    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    /// <summary>NameID formats the mock IdP offers, as JumpCloud's SSO tab does.</summary>
    public static IReadOnlyList<string> NameIdFormats { get; } =
        [NameIdUnspecified, NameIdEmailAddress, NameIdPersistent, NameIdTransient];
}
