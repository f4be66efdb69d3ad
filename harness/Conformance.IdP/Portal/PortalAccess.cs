using System.Security.Cryptography;
using System.Text;

namespace Conformance.IdP.Portal;

/// <summary>The Admin Portal's one administrator: an email and a password the IdP prints (serve idp) or the run keeps secret.</summary>
internal sealed class PortalAccess(string email, string password)
{
    public string Email => email;

    public bool Verify(string? givenEmail, string? givenPassword) =>
        string.Equals(givenEmail?.Trim(), email, StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(givenPassword ?? ""), Encoding.UTF8.GetBytes(password));

    /// <summary>Where to go after signing in: only a path of the portal, never another site (an open redirect).</summary>
    public static string SafeReturn(string? requested)
    {
        var path = requested?.TrimStart('/');
        return path is not null && path.StartsWith("portal/", StringComparison.Ordinal) && requested!.IndexOfAny(['\\', ':']) < 0 && !requested.StartsWith("//", StringComparison.Ordinal)
            ? "/" + path
            : "/portal/applications";
    }
}
