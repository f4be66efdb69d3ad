using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Saml;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>results.json: the run for machines (schema: results.schema.json beside this file).</summary>
public static class ResultsJson
{
    public const string SchemaVersion = "1.0";

    public static string Render(RunResult run, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(saml);
        var root = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["runId"] = run.RunId,
            ["target"] = run.Target,
            ["seed"] = run.Seed,
            ["namespace"] = run.Namespace,
            ["harness"] = WithoutNulls(new JsonObject { ["version"] = run.HarnessVersion, ["commit"] = run.Commit }),
            ["shard"] = run.Shard,
            ["interrupted"] = run.Interrupted,
            ["start"] = run.Start,
            ["end"] = run.End,
            ["outcome"] = run.Interrupted ? "interrupted" : Kebab(run.Outcome),
            ["exitCode"] = run.ExitCode,
            ["counts"] = Counts(run.Scenarios.Select(s => s.Outcome)),
            ["guide"] = Guide(run),
            ["scenarios"] = new JsonArray([.. run.Scenarios.Select(s => Scenario(s, saml))]),
            ["samlResponses"] = new JsonArray([.. run.Scenarios
                .SelectMany(s => s.Steps.SelectMany(st => st.Evidence.SamlMessages).Select(m => (s, m)))
                .Where(x => x.m.Kind == SamlMessageKind.Response)
                .Select(x => (JsonNode)WithoutNulls(new JsonObject
                {
                    ["scenario"] = x.s.Id,
                    ["file"] = saml[x.m].File,
                    ["certificate"] = saml[x.m].CertificateFile,
                    ["idpEntityId"] = x.m.IdpEntityId,
                    ["spEntityId"] = x.m.SpEntityId,
                    ["acsUrl"] = x.m.Destination,
                    ["expectAccepted"] = x.m.ExpectAccepted,
                }))]),
        };
        return WithoutNulls(root).ToJsonString(ReportJson.Options);
    }

    /// <summary>Every line of the guide with what this run did about it, and the share of testable lines checked.</summary>
    private static JsonObject Guide(RunResult run)
    {
        var lines = run.Guide;
        var (checkedLines, testable) = run.GuideShare();
        return new JsonObject
        {
            ["testableLines"] = testable,
            ["checkedLines"] = checkedLines,
            ["lines"] = new JsonArray([.. lines.Select(l => (JsonNode)WithoutNulls(new JsonObject
            {
                ["line"] = l.Line,
                ["status"] = JsonNamingPolicy.KebabCaseLower.ConvertName(l.Verdict.ToString()),
                ["reason"] = l.Reason is { Length: > 0 } reason ? reason : null,
                ["scenarios"] = l.Scenarios.Count == 0 ? null : new JsonArray([.. l.Scenarios.Select(id => (JsonNode)id)]),
            }))]),
        };
    }

    /// <summary>Absent rather than null, as the schema and the serializer's other objects have it.</summary>
    private static JsonObject WithoutNulls(JsonObject node)
    {
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(key);
        }
        return node;
    }

    internal static JsonObject Counts(IEnumerable<Outcome> outcomes)
    {
        var list = outcomes.ToList();
        var counts = new JsonObject { ["total"] = list.Count };
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            counts[Kebab(outcome)] = list.Count(o => o == outcome);
        }
        return counts;
    }

    internal static string Kebab(Outcome outcome) => JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString());

    private static JsonObject Scenario(ScenarioResult s, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(s with { Steps = [] }, ReportJson.Options)!;
        node.Remove("duration");
        node["durationMs"] = Math.Round(s.Duration.TotalMilliseconds);
        node["steps"] = new JsonArray([.. s.Steps.Select(step => Step(step, saml))]);
        return node;
    }

    private static JsonObject Step(StepResult step, IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> saml)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(step with { Evidence = new() }, ReportJson.Options)!;
        var evidence = (JsonObject)JsonSerializer.SerializeToNode(step.Evidence with { SamlMessages = [] }, ReportJson.Options)!;
        evidence["exchanges"] = new JsonArray([.. step.Evidence.Exchanges.Select(e => (JsonNode)WithoutNulls(new JsonObject
        {
            ["id"] = e.Id,
            ["channel"] = e.Channel,
            ["method"] = e.Method,
            ["url"] = e.Url,
            ["status"] = e.Status,
            ["error"] = e.Error,
        }))]);
        evidence["samlMessages"] = new JsonArray([.. step.Evidence.SamlMessages.Select(m => (JsonNode)WithoutNulls(new JsonObject
        {
            ["kind"] = m.Kind.ToString(),
            ["file"] = saml[m].File,
            ["certificate"] = saml[m].CertificateFile,
            ["destination"] = m.Destination,
            ["expectAccepted"] = m.ExpectAccepted,
        }))]);
        node["evidence"] = evidence;
        return node;
    }
}
