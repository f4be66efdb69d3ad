using Conformance.Saml.Signing;

namespace Conformance.Saml.Tests;

/// <summary>Two RSA-2048 keys shared by the run (generation is the slow part): the app's and a stranger's.</summary>
internal static class TestKeys
{
    private static readonly Lazy<SigningCertificate> AppKey = new(() => SigningCertificate.Create("bluejeans", DateTimeOffset.UtcNow));
    private static readonly Lazy<SigningCertificate> OtherKey = new(() => SigningCertificate.Create("someone-else", DateTimeOffset.UtcNow));

    public static SigningCertificate App => AppKey.Value;
    public static SigningCertificate Other => OtherKey.Value;
}
