using Conformance.Results;
using Conformance.Scenarios.Loading;

namespace Conformance.Catalogue.Tests;

/// <summary>
/// Every line of the guide is accounted for: quoted by a scenario (a requirement it checks), or listed in
/// docs/seed/guide-coverage.yaml as not testable or not covered yet, with the reason. A new guide line, or a listed
/// line a scenario now quotes, fails here.
/// </summary>
public sealed class GuideCoverageTests
{
    private static readonly HashSet<int> Quoted = [.. Catalogue.Scenarios
        .SelectMany(s => s.Requirements.Concat(s.Steps.SelectMany(st => st.Checks).Select(c => c.Requirement).OfType<Requirement>()))
        .Select(r => r.SeedLine).OfType<int>()];

    [Test]
    public void EveryLineOfTheGuide_IsQuotedOrListedWithAReason()
    {
        var listed = GuideCoverage.Embedded.Select(n => n.Line).ToHashSet();

        var unaccounted = SeedGuide.Embedded.TextLines.Where(l => !Quoted.Contains(l) && !listed.Contains(l));

        Assert.That(unaccounted.Select(l => $"{l}: {SeedGuide.Embedded.Lines[l - 1]}"), Is.Empty, "quote these in a scenario or list them in docs/seed/guide-coverage.yaml");
    }

    [Test]
    public void ListedLines_AreNotQuotedAndMatchTheGuide()
    {
        Assert.Multiple(() =>
        {
            foreach (var note in GuideCoverage.Embedded)
            {
                Assert.That(Quoted, Does.Not.Contain(note.Line), $"line {note.Line} is quoted by a scenario: remove it from guide-coverage.yaml");
                Assert.That(SeedGuide.Embedded.Find(note.Text), Is.Not.Null, $"line {note.Line}'s text is no longer in the guide: '{note.Text}'");
                Assert.That(note.Reason, Is.Not.Empty);
            }
        });
    }
}
