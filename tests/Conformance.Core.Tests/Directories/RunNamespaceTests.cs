using Conformance.Core.Directories;

namespace Conformance.Core.Tests.Directories;

public sealed class RunNamespaceTests
{
    private static RunNamespace Mark(string mark) => RunNamespace.TryParse(mark, out var ns) ? ns : throw new ArgumentException(mark);

    [Test]
    public void Apply_PrefixesTheMarkAndADot() =>
        Assert.That(Mark("k3x9").Apply("Video Users"), Is.EqualTo("k3x9.Video Users"));

    [Test]
    public void Apply_ToAMarkedName_ChangesNothing() =>
        Assert.That(Mark("k3x9").Apply("k3x9.delores.brown1"), Is.EqualTo("k3x9.delores.brown1"));

    [Test]
    public void Apply_WithoutAMark_KeepsTheName() =>
        Assert.That(RunNamespace.None.Apply("delores.brown1"), Is.EqualTo("delores.brown1"));

    [Test]
    public void Fit_KeepsTheLength()
    {
        var thirty = new string('a', 20) + "-thirty-30";

        var fitted = Mark("k3x9").Fit(thirty);

        Assert.That(fitted, Has.Length.EqualTo(30).And.StartWith("k3x9."));
    }

    [Test]
    public void Owns_OnlyTheRunsNames()
    {
        var ns = Mark("k3x9");

        Assert.That((ns.Owns("k3x9.delores.brown1"), ns.Owns("delores.brown1"), ns.Owns("k3x9x.other"), ns.Owns(null)), Is.EqualTo((true, false, false, false)));
    }

    [TestCase("none", true)]
    [TestCase("a", true)]
    [TestCase("abcdefgh", true)]
    [TestCase("abcdefghi", false)]
    [TestCase("K3x9", false)]
    [TestCase("9abc", false)]
    [TestCase("a.b", false)]
    [TestCase("", false)]
    public void TryParse_AcceptsLowerCaseLettersAndDigitsStartingWithALetter(string text, bool accepted) =>
        Assert.That(RunNamespace.TryParse(text, out _), Is.EqualTo(accepted));

    [Test]
    public void NewRandom_GivesAValidMarkEachTime()
    {
        var marks = Enumerable.Range(0, 50).Select(_ => RunNamespace.NewRandom().Mark).ToList();

        Assert.That(marks, Has.All.Matches<string>(m => RunNamespace.TryParse(m, out _) && m.Length == 4));
        Assert.That(marks.Distinct().Count(), Is.GreaterThan(45));
    }
}
