using Conformance.Reporting;
using Conformance.Results;

namespace Conformance.Cli;

/// <summary>
/// <c>report merge DIR... --out DIR</c>: shard run folders become one report whose counts equal an
/// unsharded run's (scenarios in id order, as a run orders them; browser artifacts copied over).
/// </summary>
internal static class ReportMerge
{
    public static int Run(Arguments args, TextWriter stdout)
    {
        var output = args.Option("out")!;
        var folders = args.Positional.ToList();
        var runs = folders.Select(folder => Directory.Exists(folder) ? Read(folder) : throw Arguments.Bad(folder, "no such run folder")).ToList();
        var merged = Merge(runs, Path.GetFileName(Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar)));
        var root = Path.GetDirectoryName(Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar))!;
        foreach (var folder in folders)
        {
            CopyBrowserArtifacts(folder, Path.Combine(root, merged.RunId));
        }
        var written = RunFolder.Write(merged, root);
        stdout.WriteLine($"merged {runs.Count} runs ({merged.Scenarios.Count} scenarios): {written}");
        return merged.ExitCode;
    }

    internal static RunResult Merge(IReadOnlyList<RunResult> runs, string runId)
    {
        var first = runs[0];
        foreach (var run in runs.Skip(1))
        {
            if (run.Seed != first.Seed || run.Target != first.Target)
            {
                throw Arguments.Bad(run.RunId, $"shards must share seed and target: {first.RunId} has seed {first.Seed} on '{first.Target}', {run.RunId} has seed {run.Seed} on '{run.Target}'");
            }
        }
        MissingShards(runs);
        var duplicate = runs.SelectMany(r => r.Scenarios.Select(s => (s.Id, r.RunId))).GroupBy(x => x.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Arguments.Bad(duplicate.Key, $"scenario '{duplicate.Key}' ran in more than one of the merged runs: {string.Join(", ", duplicate.Select(d => d.RunId))}");
        }
        var merged = first with
        {
            RunId = runId,
            Start = runs.Min(r => r.Start),
            End = runs.Max(r => r.End),
            Shard = null,
            Namespace = string.Join(',', runs.Select(r => r.Namespace).Distinct(StringComparer.Ordinal)),
            Interrupted = runs.Any(r => r.Interrupted),
            Scenarios = [.. runs.SelectMany(r => r.Scenarios).OrderBy(s => s.Id, StringComparer.Ordinal)],
        };
        return merged with { Guide = Scenarios.Loading.GuideReading.Of(merged) };
    }

    /// <summary>Shards of one plan are merged whole: 2 of 3 would be a report of a run that never was, labelled complete.</summary>
    private static void MissingShards(IReadOnlyList<RunResult> runs)
    {
        var shards = runs.Where(r => r.Shard is not null).Select(r => r.Shard!.Split('/')).Where(p => p.Length == 2)
            .Select(p => (Index: int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), Of: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        if (shards.Count == 0)
        {
            return;
        }
        var of = shards.Max(s => s.Of);
        var missing = Enumerable.Range(1, of).Except(shards.Select(s => s.Index)).ToList();
        if (missing.Count > 0 || shards.Any(s => s.Of != of))
        {
            throw Arguments.Bad("report merge", $"the shards given are {string.Join(", ", shards.Select(s => $"{s.Index}/{s.Of}"))}: {(missing.Count > 0 ? $"shard {string.Join(", ", missing.Select(m => $"{m}/{of}"))} is missing" : "they come from plans of different sizes")}; merge every shard of one run");
        }
    }

    private static RunResult Read(string folder)
    {
        try
        {
            return RunRecord.Read(folder);
        }
        catch (FileNotFoundException ex)
        {
            throw Arguments.Bad(folder, ex.Message);
        }
    }

    private static void CopyBrowserArtifacts(string from, string to)
    {
        var source = Path.Combine(from, "artifacts", "browser");
        if (!Directory.Exists(source))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, "artifacts", "browser", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
