using Conformance.Results;

namespace Conformance.Scenarios.Tests.Results;

public sealed class RunResultTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static RunResult Run(params Outcome[] outcomes) => new()
    {
        RunId = "r",
        Seed = 1,
        Target = "t",
        Start = At,
        End = At,
        HarnessVersion = "0",
        Scenarios = [.. outcomes.Select((o, i) => new ScenarioResult { Id = $"s{i}", Title = "s", Area = Area.Sso, File = "f", Start = At, End = At, Outcome = o })],
    };

    [Test]
    public void ExitCode_WhenEverythingPassedOrWasSkipped_Is0() => Assert.That(Run(Outcome.Passed, Outcome.Skipped).ExitCode, Is.EqualTo(0));

    [Test]
    public void ExitCode_WhenEveryScenarioWasSkipped_Is4NotGreen() => Assert.That(Run(Outcome.Skipped, Outcome.Skipped).ExitCode, Is.EqualTo(4));

    [Test]
    public void ExitCode_WhenNothingWasSelected_Is4NotGreen() => Assert.That(Run().ExitCode, Is.EqualTo(4));

    [Test]
    public void ExitCode_WhenAVerdictIsInconclusiveAndNothingFailed_Is4() => Assert.That(Run(Outcome.Passed, Outcome.Inconclusive).ExitCode, Is.EqualTo(4));

    [Test]
    public void ExitCode_WhenSomethingFailed_Is1EvenBesideAnInconclusive() => Assert.That(Run(Outcome.Inconclusive, Outcome.Failed).ExitCode, Is.EqualTo(1));

    [Test]
    public void Evaluated_CountsWhatWasNotSkipped() => Assert.That(Run(Outcome.Passed, Outcome.Skipped, Outcome.Warning).Evaluated, Is.EqualTo(2));
}
