using System.Diagnostics;
using Conformance.Bench.Reporting;

namespace Conformance.Bench.Figures;

/// <summary>
/// Figures 4 and 5: the CLI as a process over the default catalogue, from a warm build. Wall time is process start
/// to exit; start-up is process start to the first progress line ("running N scenarios", printed just before the
/// first scenario's first step runs).
/// </summary>
internal static class Cli
{
    private const string BrowserTag = "browser";
    private const string StartMarker = "running ";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    public static async Task<IReadOnlyList<Figure>> MeasureAsync(BenchOptions options)
    {
        var dll = await DllAsync(options);
        var catalogue = (await RunAsync(options.Root, "dotnet", [dll, "list"])).Lines
            .Select(l => l.Split('\t'))
            .Where(c => c.Length >= 3)
            .Select(c => (Id: c[0], Tags: c[2].Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        var withBrowser = catalogue.Count(s => s.Tags.Contains(BrowserTag));

        var figures = new List<Figure>();
        var output = Directory.CreateTempSubdirectory("bench-cli-");
        try
        {
            string[] noBrowserArgs = withBrowser == 0 ? [] : ["--exclude-tag", BrowserTag];
            // Start-up: stopped at the marker, so it costs a second per repetition whatever the catalogue's size.
            // The first run is a warm-up: disk cache and the host's first JIT stay out of the timings.
            await RunAsync(options.Root, "dotnet", [dll, "run", "--out", output.FullName], stopAtMarker: true);
            var startups = new List<double>();
            for (var rep = 0; rep < options.Repetitions; rep++)
            {
                startups.Add((await RunAsync(options.Root, "dotnet", [dll, "run", "--out", output.FullName], stopAtMarker: true)).MarkerSeconds ?? double.NaN);
            }
            figures.Add(Figure.Under("5 Start-up", "CLI process start → first step executing", "s", Stat.Of(startups), 2, "< 2 s",
                "marker: the first progress line \"running N scenarios…\" on stdout (the step runs right after it)"));
            if (options.Quick)
            {
                figures.Add(NotMeasured("wall time of the default catalogue",
                    $"full run only: {catalogue.Count} scenarios take minutes per repetition"));
                return figures;
            }
            var count = catalogue.Count - withBrowser;
            figures.Add(Figure.Under("4 Default catalogue", $"wall time without browser steps ({count} scenarios)", "s",
                await CatalogueAsync(dll, noBrowserArgs, output.FullName, options), 30, "< 30 s",
                withBrowser == 0 ? "no scenario in the catalogue is tagged browser: this is the whole catalogue" : "run --exclude-tag browser"));
            figures.Add(withBrowser == 0
                ? NotMeasured("wall time with browser steps", "no scenario in the catalogue is tagged browser yet")
                : new Figure
                {
                    Group = "4 Default catalogue",
                    Name = $"wall time with browser steps ({catalogue.Count} scenarios)",
                    Unit = "s",
                    Value = await CatalogueAsync(dll, [], output.FullName, options),
                });
        }
        finally
        {
            output.Delete(recursive: true);
        }
        return figures;
    }

    /// <summary>The CLI's build; a fresh clone builds it once, untimed ("from a warm build").</summary>
    internal static async Task<string> DllAsync(BenchOptions options)
    {
        var dll = Path.Combine(options.Root, "harness", "Conformance.Cli", "bin", "Release", "net10.0", "Conformance.Cli.dll");
        if (!File.Exists(dll))
        {
            await RunAsync(options.Root, "dotnet", ["build", Path.Combine(options.Root, "harness", "Conformance.Cli"), "-c", "Release", "-nologo", "-v", "q"]);
        }
        return dll;
    }

    private static Figure NotMeasured(string name, string why) => new()
    {
        Group = "4 Default catalogue",
        Name = name,
        Unit = "s",
        Value = new Stat(double.NaN, double.NaN, double.NaN, 0),
        Note = why,
    };

    private static async Task<Stat> CatalogueAsync(string dll, string[] selection, string output, BenchOptions options)
    {
        var walls = new List<double>();
        for (var rep = 0; rep < options.Repetitions; rep++)
        {
            walls.Add((await RunAsync(options.Root, "dotnet", [dll, "run", .. selection, "--out", output])).Seconds);
        }
        return Stat.Of(walls);
    }

    internal static async Task<(List<string> Lines, double Seconds, double? MarkerSeconds)> RunAsync(string root, string file, string[] args, bool stopAtMarker = false)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        double? marker = null;
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (marker is null && line.StartsWith(StartMarker, StringComparison.Ordinal))
                {
                    marker = clock.Elapsed.TotalSeconds;
                    if (stopAtMarker)
                    {
                        process.Kill(entireProcessTree: true);
                        await process.WaitForExitAsync(limit.Token);
                        return (lines, clock.Elapsed.TotalSeconds, marker);
                    }
                }
                lines.Add(line);
            }
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {RunLimit.TotalMinutes:0} minutes.");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        // 1 is a conformance failure: still a timed run of the catalogue. 2 and 3 mean nothing ran as it should.
        if (process.ExitCode > 1)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        }
        return (lines, seconds, marker);
    }
}
