using System.Buffers;
using System.Text.Unicode;

namespace Conformance.Saml.Signing;

/// <summary>
/// Writes UTF-8 XML that is already in Exclusive XML Canonicalization form (xml-exc-c14n, C14N 1.0 section 2.3
/// escaping; markup without self-closing tags), so that a signed element's digest is the hash of the bytes as
/// written: no DOM, no re-serialisation. The caller writes attributes in canonical order and declares each
/// namespace on the outermost element that uses it, which is where exc-c14n renders it.
/// </summary>
internal sealed class CanonicalWriter
{
    // Characters that need escaping in text (C14N 2.3: &, <, >, #xD) or attribute values (&, <, ", #x9, #xA, #xD),
    // and those XML 1.0 forbids (2.2 Char); the slow path sorts them out.
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<>\"\t\n\r\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    private byte[] _buffer;

    public CanonicalWriter(int capacity = 8192) => _buffer = new byte[capacity];

    public int Position { get; private set; }

    /// <summary>Bytes written so far, from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    public ReadOnlySpan<byte> Span(int start, int end) => _buffer.AsSpan(start, end - start);

    /// <summary>Markup the caller has written canonically (tags, attribute names, fixed URIs).</summary>
    public void Raw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        Position += utf8.Length;
    }

    /// <summary><c> name="value"</c> with the value escaped for an attribute.</summary>
    public void Attribute(ReadOnlySpan<byte> name, string value)
    {
        Raw(" "u8);
        Raw(name);
        Raw("=\""u8);
        Escaped(value, attribute: true);
        Raw("\""u8);
    }

    /// <summary>Character data escaped for a text node.</summary>
    public void Text(string value) => Escaped(value, attribute: false);

    /// <summary><c>&lt;prefix:Name&gt;text&lt;/prefix:Name&gt;</c>, the qualified name given without brackets.</summary>
    public void Element(ReadOnlySpan<byte> qualifiedName, string text)
    {
        Raw("<"u8);
        Raw(qualifiedName);
        Raw(">"u8);
        Text(text);
        Raw("</"u8);
        Raw(qualifiedName);
        Raw(">"u8);
    }

    private void Escaped(string value, bool attribute)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var at = rest.IndexOfAny(Special);
            var run = at < 0 ? rest : rest[..at];
            if (!run.IsEmpty)
            {
                Utf8Run(run);
            }
            if (at < 0)
            {
                return;
            }
            Raw(Escape(rest[at], attribute));
            rest = rest[(at + 1)..];
        }
    }

    private void Utf8Run(ReadOnlySpan<char> run)
    {
        var target = Reserve(run.Length * 3);
        // Lone surrogates are not characters: refuse them rather than send U+FFFD in a signed value.
        if (Utf8.FromUtf16(run, target, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            throw new ArgumentException("The value contains an unpaired surrogate, which XML cannot carry.");
        }
        Position += written;
    }

    private static ReadOnlySpan<byte> Escape(char c, bool attribute) => c switch
    {
        '&' => "&amp;"u8,
        '<' => "&lt;"u8,
        '>' when !attribute => "&gt;"u8,
        '>' => ">"u8,
        '"' when attribute => "&quot;"u8,
        '"' => "\""u8,
        '\r' => "&#xD;"u8,
        '\t' when attribute => "&#x9;"u8,
        '\t' => "\t"u8,
        '\n' when attribute => "&#xA;"u8,
        '\n' => "\n"u8,
        _ => throw new ArgumentException($"The value contains U+{(int)c:X4}, which XML 1.0 does not allow."),
    };

    private Span<byte> Reserve(int length)
    {
        if (_buffer.Length - Position < length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Position + length));
        }
        return _buffer.AsSpan(Position);
    }
}
