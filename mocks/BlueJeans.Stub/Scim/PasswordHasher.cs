using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BlueJeans.Stub.Scim;

/// <summary>"Bluejeans supports password synchronization.": passwords are kept only as salted PBKDF2 hashes.</summary>
internal static class PasswordHasher
{
    // Low on purpose: the stub shows that a synced password is kept only as a salted hash, not how well the hash resists
    // cracking, and it hashes every password of a bulk push. 10,000 iterations cost 4–9 ms a user on this 2-core machine,
    // most of the 1,000-user scenario; a stored hash names its own count, so Verify reads older ones too.
    private const int Iterations = 1_000;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
