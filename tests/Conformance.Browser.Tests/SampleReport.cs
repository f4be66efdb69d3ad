using Conformance.Core.Http;
using Conformance.Core.Saml;
using Conformance.Results;

namespace Conformance.Browser.Tests;

/// <summary>
/// A small finished run with two failed scenarios and one of each other outcome; the first failure carries the evidence
/// the page draws (an ACS POST, its SAML Response, a check whose values are too long for a line). More passed scenarios
/// can be added to reach a report of a thousand.
/// </summary>
internal static class SampleReport
{
    public const string PassedId = "sso.idp-initiated";
    public const string FailedId = "sso.signature-tampered";
    public const string ExpectedFailureId = "scim.known-gap";

    /// <summary>An unbroken value longer than any table cell: it must wrap, not widen the page.</summary>
    public static readonly string LongActual = "urn:" + new string('x', 400);

    public static RunResult Build(int extraPassed = 0)
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
                WithEvidence(Scenario(FailedId, Area.Sso, Outcome.Failed), start),
                Scenario(ExpectedFailureId, Area.Scim, Outcome.ExpectedFailure),
                Scenario("scim.username-too-long", Area.Scim, Outcome.Failed),
                Scenario("di.insights-events", Area.Di, Outcome.Warning),
                Scenario("removal.recordings", Area.Removal, Outcome.Skipped, "target lacks limits.recordings"),
                .. Enumerable.Range(1, extraPassed).Select(i => Scenario($"bulk.passed-{i:D4}", Area.Scim, Outcome.Passed)),
            ],
        };
    }

    private static ScenarioResult WithEvidence(ScenarioResult scenario, DateTimeOffset at)
    {
        var xml = $"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-11-28T12:00:00Z" Destination="http://127.0.0.1/saml/acs"><saml:Issuer>https://sso.jumpcloud.com/saml2/bluejeans</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a1" Version="2.0" IssueInstant="2026-11-28T12:00:00Z"><saml:Issuer>https://sso.jumpcloud.com/saml2/bluejeans</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">ada@example.test</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>""";
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(xml));
        var step = scenario.Steps[0];
        return scenario with
        {
            Steps =
            [
                step with
                {
                    Checks = [step.Checks[0], step.Checks[0] with { Name = "NameID format", Expected = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", Actual = LongActual }],
                    Evidence = new Evidence
                    {
                        Exchanges =
                        [
                            new HttpExchange
                            {
                                Id = "x1", Channel = "saml", StartedAt = at, Duration = TimeSpan.FromMilliseconds(12), Method = "POST", Url = "http://127.0.0.1/saml/acs",
                                RequestHeaders = [new("Content-Type", "application/x-www-form-urlencoded")],
                                RequestBody = $"SAMLResponse={Uri.EscapeDataString(base64)}&RelayState=r-1",
                                Status = 403, ResponseHeaders = [new("Content-Type", "text/html")], ResponseBody = "<p id=\"error\">Signature invalid\u0000</p>",
                            },
                        ],
                        SamlMessages =
                        [
                            new SamlMessageRecord
                            {
                                Kind = SamlMessageKind.Response, Xml = System.Text.Encoding.UTF8.GetBytes(xml), IdpEntityId = "https://sso.jumpcloud.com/saml2/bluejeans",
                                SpEntityId = "bluejeans", Destination = "http://127.0.0.1/saml/acs", ExpectAccepted = false, At = at,
                            },
                        ],
                    },
                },
            ],
        };
    }
}
