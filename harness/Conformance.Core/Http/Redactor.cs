using System.Collections.Concurrent;
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

    /// <summary>Bits in <see cref="_starts"/>: 32 KB, so the filter stays in cache and sparse with thousands of secrets.</summary>
    private const int StartBits = 1 << 18;

    private readonly Lock _gate = new();

    // A run registers thousands of passwords and redacts every exchange, so lookups must cost one pass over the text,
    // not one pass per secret, and a registration must not copy what is known (it did: quadratic in the users pushed).
    // Writers replace a prefix's array whole under the lock; readers take whichever array is there, without locking.
    private readonly ConcurrentDictionary<string, string[]> _byPrefix = new(StringComparer.Ordinal);

    // The secrets' first characters, hashed (StartHash): most positions of a text are ruled out by one bit test, before
    // the dictionary hashes six characters.
    private readonly long[] _starts = new long[StartBits / 64];

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
            foreach (var form in new[] { secret, Uri.EscapeDataString(secret) }.Distinct(StringComparer.Ordinal))
            {
                var prefix = form[..KeyLength];
                var known = _byPrefix.GetValueOrDefault(prefix, []);
                if (known.Contains(form, StringComparer.Ordinal))
                {
                    continue;
                }
                _byPrefix[prefix] = [.. known.Append(form).OrderByDescending(s => s.Length)];
                var bit = StartHash(form);
                Interlocked.Or(ref _starts[bit >> 6], 1L << (bit & 63));
            }
        }
    }

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        // Each pattern runs only when the text holds the literal it starts from: most captured text holds none of
        // them, and the regexes cost more than the rest of the capture together.
        var result = text;
        if (result.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            result = PrivateKeyPattern().Replace(result, "-----BEGIN PRIVATE KEY-----" + Mask + "-----END PRIVATE KEY-----");
        }
        if (result.Contains("earer", StringComparison.Ordinal))
        {
            result = BearerPattern().Replace(result, "$1" + Mask);
        }
        if (MayHold(result, "password\"", "token\"", "secret\""))
        {
            result = JsonPasswordPattern().Replace(result, "$1\"" + Mask + "\"");
        }
        if (MayHold(result, "password=", "token="))
        {
            result = FormPasswordPattern().Replace(result, "$1" + Mask);
        }
        return MaskSecrets(result);
    }

    /// <summary>
    /// Whether a case-insensitive pattern needing one of these ASCII literals can match. Non-ASCII text always goes
    /// to the regexes: IgnoreCase may fold some non-ASCII letters onto ASCII ones, and the check must never skip a match.
    /// </summary>
    private static bool MayHold(string text, params ReadOnlySpan<string> literals)
    {
        foreach (var literal in literals)
        {
            if (text.Contains(literal, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return !Ascii.IsValid(text);
    }

    private string MaskSecrets(string text)
    {
        if (text.Length < KeyLength || _byPrefix.IsEmpty)
        {
            return text;
        }
        var lookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        StringBuilder? masked = null;
        var copied = 0;
        var i = 0;
        while (i <= text.Length - KeyLength)
        {
            var bit = StartHash(text.AsSpan(i));
            var match = (Volatile.Read(ref _starts[bit >> 6]) & (1L << (bit & 63))) != 0
                && lookup.TryGetValue(text.AsSpan(i, KeyLength), out var candidates)
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

    private static int StartHash(ReadOnlySpan<char> text) => (text[0] ^ (text[1] << 6) ^ (text[2] << 12)) & (StartBits - 1);

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
