using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Conformance.Core.Http;

/// <summary>
/// The one place secrets are removed. Everything that leaves memory (exchanges, logs, reports)
/// passes through <see cref="Redact(string?)"/>: bearer tokens, passwords, private keys, cookie
/// values and every string registered with <see cref="AddSecret"/> become <see cref="Mask"/>.
/// </summary>
public sealed partial class Redactor
{
    public const string Mask = "[REDACTED]";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key",
    };

    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);

    /// <summary>A process-wide instance for code that has no run context (the standalone servers).</summary>
    public static Redactor Shared { get; } = new();

    /// <summary>Registers a literal secret (a SCIM token, a user's password). Short strings are ignored: they would mask ordinary text.</summary>
    public void AddSecret(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 6)
        {
            _secrets.TryAdd(secret, 0);
        }
    }

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        var result = PrivateKeyPattern().Replace(text, "-----BEGIN PRIVATE KEY-----" + Mask + "-----END PRIVATE KEY-----");
        result = BearerPattern().Replace(result, "$1" + Mask);
        result = JsonPasswordPattern().Replace(result, "$1\"" + Mask + "\"");
        result = FormPasswordPattern().Replace(result, "$1" + Mask);
        foreach (var secret in _secrets.Keys.OrderByDescending(s => s.Length))
        {
            result = result.Replace(secret, Mask, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (!string.Equals(escaped, secret, StringComparison.Ordinal))
            {
                result = result.Replace(escaped, Mask, StringComparison.Ordinal);
            }
        }
        return result;
    }

    public string RedactHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SecretHeaders.Contains(name))
        {
            return Redact(value) ?? "";
        }
        if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
        {
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 ? value[..(space + 1)] + Mask : Mask;
        }
        if (name.Contains("Cookie", StringComparison.OrdinalIgnoreCase))
        {
            return CookieValuePattern().Replace(value, "$1$2=" + Mask);
        }
        return Mask;
    }

    [GeneratedRegex("-----BEGIN ([A-Z ]*)PRIVATE KEY-----.*?-----END ([A-Z ]*)PRIVATE KEY-----", RegexOptions.Singleline)]
    private static partial Regex PrivateKeyPattern();

    // Twelve characters or more: a token, not the next word of a sentence ("the bearer token is invalid").
    [GeneratedRegex(@"(\b[Bb]earer\s+)[A-Za-z0-9\-._~+/=]{12,}")]
    private static partial Regex BearerPattern();

    [GeneratedRegex("(\"(?:password|token|secret|client_secret|access_token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.IgnoreCase)]
    private static partial Regex JsonPasswordPattern();

    [GeneratedRegex("((?:^|&)(?:password|token)=)[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex FormPasswordPattern();

    [GeneratedRegex(@"(^|;\s*)([^=;\s]+)=[^;]*")]
    private static partial Regex CookieValuePattern();
}
