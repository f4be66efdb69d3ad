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
    private const string Group = "4 Default catalogue";
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
            var withoutBrowser = await CatalogueAsync(dll, noBrowserArgs, output.FullName, options);
            figures.Add(Figure.Under(Group, $"wall time without browser steps ({count} scenarios)", "s", withoutBrowser.Wall, 30, "< 30 s",
                withBrowser == 0 ? "no scenario in the catalogue is tagged browser: this is the whole catalogue" : "run --exclude-tag browser"));
            figures.AddRange(Cpu($"CPU without browser steps ({count} scenarios)", withoutBrowser, goal: null));
            if (withBrowser == 0)
            {
                figures.Add(NotMeasured("wall time with browser steps", "no scenario in the catalogue is tagged browser yet"));
                return figures;
            }
            var whole = await CatalogueAsync(dll, [], output.FullName, options);
            figures.Add(Figure.Under(Group, $"wall time with browser steps ({catalogue.Count} scenarios)", "s", whole.Wall, 15, "< 15 s",
                "the run's own workers (one per core)"));
            figures.AddRange(Cpu($"CPU with browser steps ({catalogue.Count} scenarios)", whole, goal: 28));
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
        Group = Group,
        Name = name,
        Unit = "s",
        Value = new Stat(double.NaN, double.NaN, double.NaN, 0),
        Note = why,
    };

    /// <summary>The CPU of every process of the runs, chromium's included, with the median share of each kind; none without /proc.</summary>
    private static IEnumerable<Figure> Cpu(string name, Catalogue runs, double? goal)
    {
        if (runs.Cpu.Count == 0)
        {
            yield break;
        }
        var total = Stat.Of([.. runs.Cpu.Select(c => c.Values.Sum())]);
        var kinds = runs.Cpu.SelectMany(c => c.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(kind => (Kind: kind, Stat.Of([.. runs.Cpu.Select(c => c.GetValueOrDefault(kind))]).Median))
            .Where(k => k.Median >= 0.05)
            .Select(k => $"{k.Kind} {k.Median:0.0} s");
        var note = $"every process the run started, read from /proc every 50 ms (/usr/bin/time misses chromium's renderers); median by kind: {string.Join(", ", kinds)}";
        yield return goal is { } under ? Figure.Under(Group, name, "s", total, under, $"< {under:0} s", note)
            : new Figure { Group = Group, Name = name, Unit = "s", Value = total, Note = note };
    }

    private static async Task<Catalogue> CatalogueAsync(string dll, string[] selection, string output, BenchOptions options)
    {
        var walls = new List<double>();
        var cpu = new List<IReadOnlyDictionary<string, double>>();
        for (var rep = 0; rep < options.Repetitions; rep++)
        {
            var run = await RunAsync(options.Root, "dotnet", [dll, "run", .. selection, "--out", output], measureCpu: true);
            walls.Add(run.Seconds);
            if (run.Cpu is { } used)
            {
                cpu.Add(used);
            }
        }
        return new Catalogue(Stat.Of(walls), cpu);
    }

    private sealed record Catalogue(Stat Wall, IReadOnlyList<IReadOnlyDictionary<string, double>> Cpu);

    internal static async Task<(List<string> Lines, double Seconds, double? MarkerSeconds, IReadOnlyDictionary<string, double>? Cpu)> RunAsync(
        string root, string file, string[] args, bool stopAtMarker = false, bool measureCpu = false)
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
        await using var cpu = measureCpu ? ProcessTreeCpu.Watch(process.Id) : null;
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
                        return (lines, clock.Elapsed.TotalSeconds, marker, null);
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
        var used = cpu is null ? null : await cpu.StopAsync();
        // 1 is a conformance failure: still a timed run of the catalogue. 2 and 3 mean nothing ran as it should.
        if (process.ExitCode > 1)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        }
        return (lines, seconds, marker, used);
    }
}
