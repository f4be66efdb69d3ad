using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>insights.ndjson: every DI event of the run, one JSON object a line, tagged with its scenario.</summary>
public static class InsightsNdjson
{
    public static string Render(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        foreach (var scenario in run.Scenarios)
        {
            foreach (var e in scenario.Steps.SelectMany(s => s.Evidence.Insights))
            {
                var node = (JsonObject)JsonSerializer.SerializeToNode(e)!;
                node["scenario"] = scenario.Id;
                text.Append(node.ToJsonString(ReportJson.Compact)).Append('\n');
            }
        }
        return text.ToString();
    }
}
