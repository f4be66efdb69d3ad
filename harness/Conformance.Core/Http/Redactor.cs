using System.Buffers;
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
    /// character), and none of what <see cref="Redact(string?)"/> looks for. Captured bodies are kept as the bytes they
    /// were, without keeping a decoded copy only to find nothing to mask. False means "maybe": redact the text.
    /// </summary>
    internal bool LeavesUnchanged(ReadOnlySpan<byte> utf8)
    {
        if (!Ascii.IsValid(utf8))
        {
            return false;
        }
        var rented = utf8.Length > StackChars ? ArrayPool<char>.Shared.Rent(utf8.Length) : null;
        try
        {
            var text = (rented ?? stackalloc char[StackChars])[..utf8.Length];
            Ascii.ToUtf16(utf8, text, out _);
            return !MayHoldPattern(text) && FindSecret(text, 0, out _) < 0;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private const int StackChars = 512;

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        // Each pattern runs only when the text holds the literal it starts from: most captured text holds none of
        // them, and the regexes cost more than the rest of the capture together.
        var result = text;
        if (result.Contains(PrivateKeyLiteral, StringComparison.Ordinal))
        {
            result = PrivateKeyPattern().Replace(result, "-----BEGIN PRIVATE KEY-----" + Mask + "-----END PRIVATE KEY-----");
        }
        if (result.Contains(BearerLiteral, StringComparison.Ordinal))
        {
            result = BearerPattern().Replace(result, "$1" + Mask);
        }
        if (MayHold(result, JsonLiterals))
        {
            result = JsonPasswordPattern().Replace(result, "$1\"" + Mask + "\"");
        }
        if (MayHold(result, FormLiterals))
        {
            result = FormPasswordPattern().Replace(result, "$1" + Mask);
        }
        return MaskSecrets(result);
    }

    // The literal each pattern starts from: a text without it cannot match, and most captured text holds none.
    private const string PrivateKeyLiteral = "PRIVATE KEY-----";
    private const string BearerLiteral = "earer";
    private static readonly string[] JsonLiterals = ["password\"", "token\"", "secret\""];
    private static readonly string[] FormLiterals = ["password=", "token="];

    /// <summary>Whether any of the patterns of <see cref="Redact(string?)"/> might match: the one test both paths share.</summary>
    private static bool MayHoldPattern(ReadOnlySpan<char> text) =>
        text.Contains(PrivateKeyLiteral, StringComparison.Ordinal) || text.Contains(BearerLiteral, StringComparison.Ordinal)
        || MayHold(text, JsonLiterals) || MayHold(text, FormLiterals);

    /// <summary>
    /// Whether a case-insensitive pattern needing one of these ASCII literals can match. Non-ASCII text always goes
    /// to the regexes: IgnoreCase may fold some non-ASCII letters onto ASCII ones, and the check must never skip a match.
    /// </summary>
    private static bool MayHold(ReadOnlySpan<char> text, string[] literals)
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
        StringBuilder? masked = null;
        var copied = 0;
        for (var at = FindSecret(text, 0, out var length); at >= 0; at = FindSecret(text, copied, out length))
        {
            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, at - copied).Append(Mask);
            copied = at + length;
        }
        return masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where the first registered secret at or after <paramref name="from"/> starts (the longest one there), or -1.</summary>
    private int FindSecret(ReadOnlySpan<char> text, int from, out int length)
    {
        length = 0;
        if (text.Length < KeyLength || _byPrefix.IsEmpty)
        {
            return -1;
        }
        var lookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = from; i <= text.Length - KeyLength; i++)
        {
            var bit = StartHash(text[i..]);
            if ((Volatile.Read(ref _starts[bit >> 6]) & (1L << (bit & 63))) == 0 || !lookup.TryGetValue(text.Slice(i, KeyLength), out var candidates))
            {
                continue;
            }
            foreach (var candidate in candidates)
            {
                if (text[i..].StartsWith(candidate, StringComparison.Ordinal))
                {
                    length = candidate.Length;
                    return i;
                }
            }
        }
        return -1;
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
