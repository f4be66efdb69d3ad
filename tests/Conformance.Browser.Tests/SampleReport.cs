using Conformance.Scenarios.Model;
using Conformance.Scenarios.Results;

namespace Conformance.Browser.Tests;

/// <summary>A small finished run with two failed scenarios and one of each other outcome.</summary>
internal static class SampleReport
{
    public const string PassedId = "sso.idp-initiated";
    public const string FailedId = "sso.signature-tampered";

    public static RunResult Build()
    {
        var start = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var location = new SourceLocation("scenarios/sample.yaml", 1, 1);
        ScenarioResult Scenario(string id, Area area, Outcome outcome, string? reason = null) => new()
        {
            Id = id,
            Title = $"{id} title",
            Area = area,
            Tags = [area == Area.Sso ? "browser" : "api"],
            File = "scenarios/sample.yaml",
            Outcome = outcome,
            Start = start,
            End = start.AddMilliseconds(250),
            Reason = reason,
            Steps = outcome == Outcome.Skipped ? [] :
            [
                new StepResult
                {
                    Index = 0,
                    Action = "sso.login",
                    Outcome = outcome,
                    Start = start,
                    End = start.AddMilliseconds(250),
                    Location = location,
                    Checks =
                    [
                        new CheckResult
                        {
                            Name = "session opened",
                            Condition = "sp.session",
                            Severity = outcome == Outcome.Warning ? Severity.Warning : Severity.Failure,
                            Expected = "true",
                            Actual = outcome == Outcome.Passed ? "true" : "false",
                            Outcome = outcome,
                            Location = location,
                        },
                    ],
                },
            ],
        };
        return new RunResult
        {
            RunId = "browser-report-run",
            Seed = 6,
            Target = "BlueJeans (embedded stub)",
            Start = start,
            End = start.AddSeconds(3),
            HarnessVersion = "0.0.0-test",
            Scenarios =
            [
                Scenario(PassedId, Area.Sso, Outcome.Passed),
                Scenario(FailedId, Area.Sso, Outcome.Failed),
                Scenario("scim.username-too-long", Area.Scim, Outcome.Failed),
                Scenario("di.insights-events", Area.Di, Outcome.Warning),
                Scenario("removal.recordings", Area.Removal, Outcome.Skipped, "target lacks limits.recordings"),
            ],
        };
    }
}
