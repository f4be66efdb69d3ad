using System.Text;
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

    /// <summary>Secrets are at least this long; their first this-many characters index them.</summary>
    private const int KeyLength = 6;

    private readonly Lock _gate = new();

    // Copy-on-write: a run registers thousands of passwords and redacts every exchange, so lookups
    // must cost one pass over the text, not one pass per secret.
    private Dictionary<string, string[]> _byPrefix = new(StringComparer.Ordinal);

    /// <summary>A process-wide instance for code that has no run context (the standalone servers).</summary>
    public static Redactor Shared { get; } = new();

    /// <summary>Registers a literal secret (a SCIM token, a user's password). Short strings are ignored: they would mask ordinary text.</summary>
    public void AddSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < KeyLength)
        {
            return;
        }
        lock (_gate)
        {
            var next = _byPrefix;
            foreach (var form in new[] { secret, Uri.EscapeDataString(secret) }.Distinct(StringComparer.Ordinal))
            {
                var prefix = form[..KeyLength];
                var known = next.GetValueOrDefault(prefix, []);
                if (known.Contains(form, StringComparer.Ordinal))
                {
                    continue;
                }
                if (ReferenceEquals(next, _byPrefix))
                {
                    next = new Dictionary<string, string[]>(_byPrefix, StringComparer.Ordinal);
                }
                next[prefix] = [.. known.Append(form).OrderByDescending(s => s.Length)];
            }
            Volatile.Write(ref _byPrefix, next);
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
        return MaskSecrets(result);
    }

    private string MaskSecrets(string text)
    {
        var secrets = Volatile.Read(ref _byPrefix);
        if (secrets.Count == 0 || text.Length < KeyLength)
        {
            return text;
        }
        var lookup = secrets.GetAlternateLookup<ReadOnlySpan<char>>();
        StringBuilder? masked = null;
        var copied = 0;
        var i = 0;
        while (i <= text.Length - KeyLength)
        {
            var match = lookup.TryGetValue(text.AsSpan(i, KeyLength), out var candidates)
                ? candidates.FirstOrDefault(c => text.AsSpan(i).StartsWith(c, StringComparison.Ordinal))
                : null;
            if (match is null)
            {
                i++;
                continue;
            }
            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, i - copied).Append(Mask);
            i += match.Length;
            copied = i;
        }
        return masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
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
