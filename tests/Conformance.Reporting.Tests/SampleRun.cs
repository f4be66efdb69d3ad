using System.Net;
using System.Text;
using Conformance.Core.Http;
using Conformance.Core.Insights;
using Conformance.Core.Saml;
using Conformance.Results;
using Microsoft.Extensions.Time.Testing;

namespace Conformance.Reporting.Tests;

/// <summary>One run with every outcome and every kind of evidence; the exchanges went through the real capture path.</summary>
internal static class SampleRun
{
    public const string CanaryToken = "canary-token-5f1e2d3c4b";
    public const string CanaryPassword = "canary-password-9a8b7c";

    public static async Task<RunResult> BuildAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var redactor = new Redactor();
        redactor.AddSecret(CanaryToken);
        redactor.AddSecret(CanaryPassword);
        var journal = new ExchangeJournal();
        using (var client = new HttpClient(new CapturingHandler(journal, redactor, time, "scim") { InnerHandler = new EchoHandler() }))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:1/scim/v2/Users")
            {
                Content = new StringContent($$"""{"userName":"ada","password":"{{CanaryPassword}}"}""", Encoding.UTF8, "application/scim+json"),
            };
            request.Headers.Authorization = new("Bearer", CanaryToken);
            using var response = await client.SendAsync(request);
        }
        var log = new InsightsLog(time, "org");
        log.Log(InsightsEventTypes.UserCreateProvision, false, new InsightsResource("user", "u1", "ada"), new InsightsApplication("app1", "BlueJeans", "BlueJeans"), "userName too long");
        var saml = new SamlMessageRecord
        {
            Kind = SamlMessageKind.Response,
            Xml = Encoding.UTF8.GetBytes("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_1\"/>"),
            CertificatePem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            IdpEntityId = "http://127.0.0.1:2/saml2/bluejeans",
            SpEntityId = "bluejeans",
            Destination = "http://127.0.0.1:1/saml/acs",
            At = time.GetUtcNow(),
        };
        var location = new SourceLocation("scenarios/x.yaml", 3, 5);
        var failedCheck = new CheckResult
        {
            Name = "31 characters refused",
            Condition = "scim.status",
            Severity = Severity.Failure,
            Requirement = new Requirement(RequirementSource.Seed, "Bluejeans does not allow userNames that exceed 30 characters.") { SeedLine = 13 },
            Expected = "400",
            Actual = "201",
            Location = location,
        };
        ScenarioResult Scenario(string id, Area area, Outcome outcome, StepResult[] steps, string? reason = null) => new()
        {
            Id = id,
            Title = id + " title",
            Area = area,
            Tags = ["t1"],
            File = "scenarios/x.yaml",
            Outcome = outcome,
            Start = time.GetUtcNow(),
            End = time.GetUtcNow().AddMilliseconds(120),
            Steps = steps,
            Reason = reason,
        };
        StepResult Step(Outcome outcome, CheckResult[] checks, Evidence? evidence = null, string? error = null) => new()
        {
            Index = 0,
            Action = "scim.push",
            Outcome = outcome,
            Start = time.GetUtcNow(),
            End = time.GetUtcNow(),
            Checks = checks,
            Evidence = evidence ?? new Evidence(),
            Error = error,
            Location = location,
        };
        var run = new RunResult
        {
            RunId = "run-1",
            Seed = 7,
            Target = "BlueJeans (embedded stub)",
            Start = time.GetUtcNow(),
            End = time.GetUtcNow().AddSeconds(2),
            HarnessVersion = "0.1.0",
            Scenarios =
            [
                Scenario("scim.limit", Area.Scim, Outcome.Failed, [Step(Outcome.Failed, [failedCheck], new Evidence { Exchanges = journal.All, Insights = log.Events, SamlMessages = [saml], Notes = ["pushed 1 user"] })]),
                Scenario("sso.ok", Area.Sso, Outcome.Passed, [Step(Outcome.Passed, [failedCheck with { Outcome = Outcome.Passed, Actual = "400" }])]),
                Scenario("di.warn", Area.Di, Outcome.Warning, [Step(Outcome.Warning, [failedCheck with { Outcome = Outcome.Warning, Severity = Severity.Warning }])]),
                Scenario("removal.skip", Area.Removal, Outcome.Skipped, [], "target lacks limits.recordings"),
                Scenario("security.crash", Area.Security, Outcome.Errored, [Step(Outcome.Errored, [], error: "harness error in 'x': NullReferenceException")]),
            ],
        };
        return run with { Guide = Conformance.Scenarios.Loading.GuideReading.Of(run) };
    }

    private sealed class EchoHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidValue","detail":"userName too long"}""", Encoding.UTF8, "application/scim+json"),
            });
    }
}
