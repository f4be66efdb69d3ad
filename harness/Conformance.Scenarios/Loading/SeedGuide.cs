using System.Text.RegularExpressions;

namespace Conformance.Scenarios.Loading;

/// <summary>
/// The integration guide every seed requirement quotes. A quote must be found, whitespace-folded,
/// inside one line of it: a misquoted requirement is bad input, not a silent pass.
/// </summary>
public sealed partial class SeedGuide
{
    private readonly string[] _lines;
    private readonly string[] _normalized;

    public SeedGuide(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        _normalized = [.. _lines.Select(Normalize)];
    }

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The 1-based numbers of the lines that hold any text (as quotes are matched): what coverage is counted over.</summary>
    public IReadOnlyList<int> TextLines => [.. _normalized.Select((text, index) => (text, index)).Where(l => l.text.Length > 0).Select(l => l.index + 1)];

    /// <summary>The guide as shipped inside this assembly (docs/seed/bluejeans-jumpcloud-guide.txt).</summary>
    public static SeedGuide Embedded { get; } = LoadEmbedded();

    /// <summary>The 1-based line that contains the quote, or null.</summary>
    public int? Find(string quote) => Find(quote, 0);

    /// <summary>
    /// The first line containing the quote after the line containing <paramref name="under"/> (a section's heading), or
    /// null: the guide repeats steps ("Log in to the JumpCloud Admin Portal.", "Click save.") in several sections.
    /// </summary>
    public int? Find(string quote, string under) => Find(under) is int heading ? Find(quote, heading) : null;

    private int? Find(string quote, int from)
    {
        var wanted = Normalize(quote);
        if (wanted.Length == 0)
        {
            return null;
        }
        var index = Array.FindIndex(_normalized, from, line => line.Contains(wanted, StringComparison.Ordinal));
        return index < 0 ? null : index + 1;
    }

    private static string Normalize(string s) => Whitespace().Replace(s.Replace('\u00a0', ' ').Replace("\u00c2", "", StringComparison.Ordinal), " ").Trim().TrimStart('-', ' ');

    private static SeedGuide LoadEmbedded()
    {
        using var stream = typeof(SeedGuide).Assembly.GetManifestResourceStream("seed-guide.txt")
            ?? throw new InvalidOperationException("The seed guide is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return new SeedGuide(reader.ReadToEnd());
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
