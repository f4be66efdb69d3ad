namespace BlueJeans.Stub;

/// <summary>Where things live on the stub's base URL.</summary>
internal static class StubPaths
{
    public const string Base = "/scim/v2";
    public const string Control = "/_control";
    public const string Acs = "/saml/acs";
    public const string Login = "/saml/login";
    public const string Metadata = "/saml/metadata";
    public const string Slo = "/saml/slo";

    /// <summary>The signed-in page's "Sign out": ends the session, then the SAML settings' Logout URL.</summary>
    public const string SignOut = "/logout";

    /// <summary>The path relative to <see cref="Base"/>, or null when <paramref name="path"/> is not a SCIM path.</summary>
    public static string? ScimRelative(string path)
    {
        if (!path.StartsWith(Base, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = path[Base.Length..];
        return rest.Length == 0 || rest[0] == '/' ? rest : null;
    }
}
