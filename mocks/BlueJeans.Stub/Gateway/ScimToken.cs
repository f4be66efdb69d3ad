using System.Security.Cryptography;
using System.Text;
using Conformance.Core.Http;

namespace BlueJeans.Stub.Gateway;

/// <summary>
/// The SCIM bearer token. From the guide: "select Create and manage user accounts through IDP and then
/// GENERATE TOKEN." No token exists until one is generated; a new one replaces the old.
/// </summary>
internal sealed class ScimToken(Redactor redactor)
{
    private volatile byte[]? _current;

    public string Generate()
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        Set(token);
        return token;
    }

    /// <summary>Makes a token issued earlier the current one again (the harness undoing a scenario's rotation).</summary>
    public void Set(string token)
    {
        redactor.AddSecret(token);
        _current = Encoding.UTF8.GetBytes(token);
    }

    public bool Accepts(string? authorization)
    {
        var current = _current;
        const string scheme = "Bearer ";
        if (current is null || authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()), current);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
