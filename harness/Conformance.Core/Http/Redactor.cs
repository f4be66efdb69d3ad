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

    private long _version;

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
                Interlocked.Increment(ref _version);
            }
        }
    }

    /// <summary>
    /// Changes whenever a secret is registered: a redaction made before may no longer be the redaction now. Read it
    /// before redacting, so that a secret registered meanwhile makes the result stale rather than wrongly current.
    /// </summary>
    internal long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// Whether <see cref="Redact(string?)"/> of this UTF-8 text would return it unchanged: ASCII (each byte is the
    /// character), none of the literals a pattern starts from, no registered secret. Captured bodies are kept as the
    /// bytes they were, without decoding them to a string only to find nothing to mask. False means "maybe": redact the text.
    /// </summary>
    internal bool LeavesUnchanged(ReadOnlySpan<byte> utf8)
    {
        if (!Ascii.IsValid(utf8) || utf8.IndexOf("PRIVATE KEY-----"u8) >= 0 || utf8.IndexOf("earer"u8) >= 0)
        {
            return false;
        }
        // The JSON and form patterns' literals (MayHold's) all end in '"' or '=': only those positions can end one.
        var from = 0;
        for (var end = utf8.IndexOfAny((byte)'"', (byte)'='); end >= 0; end = utf8[from..].IndexOfAny((byte)'"', (byte)'='))
        {
            end += from;
            var before = utf8[..end];
            if (EndsWithIgnoreCase(before, "password"u8) || EndsWithIgnoreCase(before, "token"u8)
                || (utf8[end] == '"' && EndsWithIgnoreCase(before, "secret"u8)))
            {
                return false;
            }
            from = end + 1;
        }
        return !HoldsSecret(utf8);
    }

    private static bool EndsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> literal) =>
        text.Length >= literal.Length && Ascii.EqualsIgnoreCase(text[^literal.Length..], literal);

    /// <summary><see cref="MaskSecrets"/>'s scan over ASCII bytes: whether it would mask anything.</summary>
    private bool HoldsSecret(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length < KeyLength || _byPrefix.IsEmpty)
        {
            return false;
        }
        var lookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> prefix = stackalloc char[KeyLength];
        for (var i = 0; i <= ascii.Length - KeyLength; i++)
        {
            var bit = (ascii[i] ^ (ascii[i + 1] << 6) ^ (ascii[i + 2] << 12)) & (StartBits - 1);
            if ((Volatile.Read(ref _starts[bit >> 6]) & (1L << (bit & 63))) == 0)
            {
                continue;
            }
            Ascii.ToUtf16(ascii.Slice(i, KeyLength), prefix, out _);
            if (!lookup.TryGetValue(prefix, out var candidates))
            {
                continue;
            }
            foreach (var candidate in candidates)
            {
                if (candidate.Length <= ascii.Length - i && Ascii.Equals(ascii.Slice(i, candidate.Length), candidate))
                {
                    return true;
                }
            }
        }
        return false;
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

    /// <summary>Whether <see cref="RedactHeader"/> treats the header by its name; any other header's value is redacted as text.</summary>
    internal static bool IsSecretHeader(string name) => SecretHeaders.Contains(name);

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
