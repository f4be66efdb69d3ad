using System.ComponentModel;

namespace Conformance.Scenarios.Loading;

/// <summary>Why a line of the guide is quoted by no scenario.</summary>
public enum GuideLineStatus
{
    /// <summary>No behaviour of the IdP or the SP to check: a heading, prose, a link, the SP admin's own console.</summary>
    NotTestable,

    /// <summary>Testable, not checked yet: every report shows it as such.</summary>
    NotCovered,
}

/// <summary>One line of docs/seed/guide-coverage.yaml.</summary>
public sealed record GuideLineNote
{
    [Description("The 1-based line of docs/seed/bluejeans-jumpcloud-guide.txt.")]
    public required int Line { get; init; }

    [Description("The line's text, so that an edit of the guide is noticed.")]
    public required string Text { get; init; }

    public required GuideLineStatus Status { get; init; }

    public required string Reason { get; init; }
}

/// <summary>
/// The guide lines no scenario quotes, each with its status and reason (docs/seed/guide-coverage.yaml, embedded), so
/// that reports can show every line of the guide — checked, not checked in this run, not covered, not testable — and
/// a test can fail on a line nobody accounted for.
/// </summary>
public static class GuideCoverage
{
    public static IReadOnlyList<GuideLineNote> Embedded { get; } = LoadEmbedded();

    private static List<GuideLineNote> LoadEmbedded()
    {
        using var stream = typeof(GuideCoverage).Assembly.GetManifestResourceStream("guide-coverage.yaml")
            ?? throw new InvalidOperationException("docs/seed/guide-coverage.yaml is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var yaml = Yaml.Load(reader.ReadToEnd(), "docs/seed/guide-coverage.yaml");
        var problems = new List<Problem>();
        var notes = (IReadOnlyList<GuideLineNote>)InputBinder.Bind(typeof(IReadOnlyList<GuideLineNote>), Yaml.ToInputNode(yaml.Documents[0].RootNode, "docs/seed/guide-coverage.yaml"), "guide-coverage.yaml", problems);
        return problems.Count > 0 ? throw new InputException(problems) : [.. notes];
    }
}
