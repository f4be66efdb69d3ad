using System.Diagnostics;
using System.Globalization;
using Conformance.Bench;
using Conformance.Bench.Figures;
using Conformance.Bench.Micro;
using Conformance.Bench.Reporting;

// ./run.sh bench [--quick] [--only 1,2,...]: every figure of issue 8, ratios measured side by side in this process.
if (args.Length == 4 && args[0] == Scaling.ChildFlag)
{
    return await Scaling.RunChildAsync(int.Parse(args[1], CultureInfo.InvariantCulture), new Uri(args[2]), args[3]);
}
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',').ToHashSet() ?? ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
var unknown = args.Where(a => a is not ("--quick" or "--only") && !a.All(c => char.IsAsciiDigit(c) || c == ',')).ToList();
if (unknown.Count > 0)
{
    await Console.Error.WriteLineAsync($"unknown arguments: {string.Join(' ', unknown)}; usage: bench [--quick] [--only 1,2,3,4,5,6,7,8,9]");
    return 2;
}
var options = new BenchOptions { Root = BenchOptions.FindRoot(), Quick = args.Contains("--quick") };
var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var figures = new List<Figure>();

async Task Step(string title, Func<Task<IReadOnlyList<Figure>>> measure)
{
    Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {title}…");
    try
    {
        figures.AddRange(await measure());
    }
    catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or TimeoutException or Microsoft.Playwright.PlaywrightException or Conformance.Browser.BrowserUnavailableException)
    {
        // One broken figure (a stale CLI build, a busy port) must not cost the others: it is reported as not measured.
        await Console.Error.WriteLineAsync($"{title}: {ex}");
        figures.Add(new Figure
        {
            Group = title.Split(' ')[0] + " (failed)",
            Name = title,
            Unit = "",
            Value = new Stat(double.NaN, double.NaN, double.NaN, 0),
            Note = "not measured: " + ex.Message.Split('\n')[0],
        });
    }
}

if (only.Contains("1"))
{
    await Step("1 SAML signing vs the RSA limit", () => Task.FromResult(Signing.Measure(options)));
}
if (only.Contains("2") || only.Contains("6"))
{
    await Step("2 SCIM push (engine vs raw, stub and Kestrel) and 6 stub under load", () => ScimPush.MeasureAsync(options));
}
if (only.Contains("3"))
{
    await Step($"3 Scaling ({string.Join(" / ", options.ScaleSizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} users, a child process each)", () => Scaling.MeasureAsync(options));
}
if (only.Contains("4") || only.Contains("5"))
{
    await Step("4 Default catalogue and 5 start-up (CLI as a process)", () => Cli.MeasureAsync(options));
}
if (only.Contains("8"))
{
    await Step("8 Directory Insights API over 10,000 events", () => Insights.MeasureAsync(options));
}
if (only.Contains("9"))
{
    await Step("9 HTML report of 1,000 scenarios in chromium", () => Report.MeasureAsync(options));
}
if (only.Contains("7"))
{
    var artifacts = Path.Combine(Path.GetTempPath(), "conformance-bench-artifacts");
    await Step("7 Micro benchmarks (BenchmarkDotNet, in process)", () => Task.FromResult(MicroSuite.Run(options, artifacts)));
}

var ordered = figures.OrderBy(f => f.Group, StringComparer.Ordinal).ToList();
var heading = string.Create(CultureInfo.InvariantCulture,
    $"Benchmarks, {(options.Quick ? "quick" : "full")} run {started.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}; each figure: median of {options.Repetitions}+ repetitions ({clock.Elapsed.TotalSeconds:0} s in all)");
var markdown = ResultsWriter.Markdown(ordered, heading);
Console.WriteLine();
Console.WriteLine(markdown);
var (json, md) = ResultsWriter.Write(Path.Combine(options.Root, "bench", "results"), started, options, ordered, markdown);
Console.WriteLine($"results: {Path.GetRelativePath(options.Root, json)}, {Path.GetRelativePath(options.Root, md)}");
return 0;
