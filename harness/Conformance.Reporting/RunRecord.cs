using System.Text.Json;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>
/// artifacts/run-result.json: the whole run with all its evidence, already redacted, so that shard
/// folders can be merged into one report that is as complete as an unsharded run's.
/// </summary>
public static class RunRecord
{
    public const string RelativePath = "artifacts/run-result.json";

    public static string Render(RunResult run) => JsonSerializer.Serialize(run, ReportJson.Compact);

    public static RunResult Read(string runFolder)
    {
        var path = Path.Combine(runFolder, RelativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{runFolder} is not a run folder of this harness: {RelativePath} is missing", path);
        }
        return JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), ReportJson.Compact)
            ?? throw new InvalidDataException($"{path} holds no run");
    }
}
