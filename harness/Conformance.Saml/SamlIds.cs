using System.Security.Cryptography;

namespace Conformance.Saml;

public static class SamlIds
{
    /// <summary>An xs:ID with 160 random bits (profiles 4.1.4.2 asks for unpredictable identifiers).</summary>
    public static string New() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
