using System.Globalization;
using System.Text;
using Conformance.Core.Saml;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>
/// The run folder contract: reports/&lt;run-id&gt;/ with index.html, results.json, junit.xml,
/// summary.md, insights.ndjson, har/, artifacts/saml/; and reports/latest naming the newest.
/// </summary>
public static class RunFolder
{
    /// <summary>
    /// A run id no other run under <paramref name="reportsRoot"/> has: the start second and the seed say what it was,
    /// a random suffix keeps two runs started in the same second apart (they once wrote one folder, and one run vanished).
    /// </summary>
    public static string NewRunId(DateTimeOffset now, int seed, string? shard, string reportsRoot)
    {
        while (true)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-s{seed}")
                + (shard is null ? "" : "-shard" + shard.Replace("/", "of", StringComparison.Ordinal))
                + "-" + Core.Directories.RunNamespace.NewRandom().Mark;
            if (!System.IO.Directory.Exists(Path.Combine(reportsRoot, id)) && !System.IO.Directory.Exists(InProgress(reportsRoot, id)))
            {
                return id;
            }
        }
    }

    /// <summary>
    /// Where a run keeps what it writes while it runs (browser screenshots and traces): reports/&lt;run-id&gt;.partial,
    /// renamed to reports/&lt;run-id&gt; when the report is written, so a run killed outright (a second Ctrl+C) leaves a
    /// folder that says it is partial, never one that looks like a report.
    /// </summary>
    public static string InProgress(string reportsRoot, string runId) => Path.Combine(reportsRoot, runId + ".partial");

    /// <summary>Writes every file of the run folder; returns its path.</summary>
    public static string Write(RunResult run, string reportsRoot)
    {
        ArgumentNullException.ThrowIfNull(run);
        var folder = Path.Combine(reportsRoot, run.RunId);
        var inProgress = InProgress(reportsRoot, run.RunId);
        if (System.IO.Directory.Exists(inProgress) && !System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Move(inProgress, folder);
        }
        System.IO.Directory.CreateDirectory(folder);
        var saml = SamlArtifacts.Write(run, folder);
        WriteText(folder, "results.json", ResultsJson.Render(run, saml));
        WriteText(folder, "junit.xml", JUnitXml.Render(run));
        WriteText(folder, "summary.md", SummaryMarkdown.Render(run));
        WriteText(folder, "insights.ndjson", InsightsNdjson.Render(run));
        HarWriter.WriteAll(run, folder);
        WriteText(folder, RunRecord.RelativePath, RunRecord.Render(run));
        WriteText(folder, "index.html", HtmlReport.Render(run, saml));
        // latest is the newest complete run: an interrupted one is kept, and named on the terminal, but never latest.
        if (!run.Interrupted)
        {
            PointLatest(reportsRoot, run.RunId);
        }
        return folder;
    }

    internal static void WriteText(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>reports/latest is a symbolic link where the file system allows one, else a text file naming the run.</summary>
    private static void PointLatest(string reportsRoot, string runId)
    {
        var latest = Path.Combine(reportsRoot, "latest");
        try
        {
            if (File.Exists(latest) || System.IO.Directory.Exists(latest))
            {
                var info = new FileInfo(latest);
                if (info.LinkTarget is not null || File.Exists(latest))
                {
                    File.Delete(latest);
                }
                else
                {
                    System.IO.Directory.Delete(latest, recursive: true);
                }
            }
            System.IO.Directory.CreateSymbolicLink(latest, runId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            File.WriteAllText(latest, runId);
        }
    }

    /// <summary>A safe file name from a scenario id.</summary>
    internal static string FileName(string id) =>
        new([.. id.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]);
}

/// <summary>Where each SAML message of a run was saved, for results.json and the HTML.</summary>
public sealed record SavedSamlMessage(SamlMessageRecord Message, string File, string? CertificateFile);
