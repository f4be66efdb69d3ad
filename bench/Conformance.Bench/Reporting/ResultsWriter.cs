using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conformance.Bench.Reporting;

/// <summary>The table on the console, and bench/results/&lt;utc&gt;.json and .md.</summary>
internal static class ResultsWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Markdown(IReadOnlyList<Figure> figures, string heading)
    {
        var md = new StringBuilder();
        md.AppendLine(heading).AppendLine();
        md.AppendLine("| # | Figure | Median | Min | Max | Unit | Ratio (median, min–max) | Goal | |");
        md.AppendLine("|---|---|---:|---:|---:|---|---|---|---|");
        foreach (var f in figures)
        {
            var ratio = f.Ratio is { } r ? $"{r.Median:P1} of {f.RatioTo} ({r.Min:P0}–{r.Max:P0})" : "";
            var name = f.Note is null ? f.Name : $"{f.Name} — {f.Note}";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {f.Group.Split(' ')[0]} | {name} | {Number(f.Value.Median)} | {Number(f.Value.Min)} | {Number(f.Value.Max)} | {f.Unit} | {ratio} | {f.Goal} | {f.Verdict} |");
        }
        return md.ToString();
    }

    public static (string Json, string Markdown) Write(string folder, DateTimeOffset started, BenchOptions options, IReadOnlyList<Figure> figures, string markdown)
    {
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        var document = new
        {
            started,
            mode = options.Quick ? "quick" : "full",
            machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            options.Repetitions,
            figures,
        };
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(document, Json) + "\n");
        File.WriteAllText(stem + ".md", markdown);
        return (stem + ".json", stem + ".md");
    }

    private static string Number(double value) => double.IsNaN(value) ? "n/a"
        : value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value >= 1 ? value.ToString("0.00", CultureInfo.InvariantCulture)
        : value.ToString("0.000", CultureInfo.InvariantCulture);
}
