using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Conformance.Bench.Reporting;
using Conformance.Bench.Scim;

namespace Conformance.Bench.Figures;

/// <summary>
/// Figure 3: the push of 1,000 / 10,000 / 100,000 users, each in a child process of its own so that its peak
/// working set is its own; the SP is the minimal Kestrel endpoint in this process, outside the measured one.
/// </summary>
internal static class Scaling
{
    public const string ChildFlag = "--scale-child";
    private const string Group = "3 Scaling";
    private const string Marker = "SCALE ";

    public static async Task<IReadOnlyList<Figure>> MeasureAsync(BenchOptions options)
    {
        await using var endpoint = await MinimalScimEndpoint.StartAsync("bench-token-scaling");
        var figures = new List<Figure>();
        List<double>? previous = null;
        var previousSize = 0;
        foreach (var size in options.ScaleSizes)
        {
            var seconds = new List<double>();
            var peaks = new List<double>();
            for (var rep = 0; rep < options.Repetitions; rep++)
            {
                endpoint.Clear();
                var (time, peakBytes) = await ChildAsync(size, endpoint);
                seconds.Add(time);
                peaks.Add(peakBytes / (1024.0 * 1024.0));
            }
            figures.Add(new Figure { Group = Group, Name = $"push {size:N0} users: time", Unit = "s", Value = Stat.Of(seconds) });
            var peak = Stat.Of(peaks);
            var memoryGoal = size >= 100_000;
            figures.Add(new Figure
            {
                Group = Group,
                Name = $"push {size:N0} users: peak working set",
                Unit = "MB",
                Value = peak,
                Goal = memoryGoal ? "< 500 MB" : null,
                Met = memoryGoal ? peak.Median < 500 : null,
            });
            if (previous is not null && size == previousSize * 10)
            {
                // Medians rather than pairs: the sizes run one after the other, not interleaved; min and max are the extremes.
                var now = Stat.Of(seconds);
                var before = Stat.Of(previous);
                var growth = now.Median / before.Median;
                figures.Add(new Figure
                {
                    Group = Group,
                    Name = $"time growth {previousSize:N0} → {size:N0} users",
                    Unit = "×",
                    Value = new Stat(growth, now.Min / before.Max, now.Max / before.Min, options.Repetitions),
                    Goal = "≤ 11× per 10× users",
                    Met = growth <= 11,
                });
            }
            previous = seconds;
            previousSize = size;
        }
        return figures;
    }

    /// <summary>The child's side: push, then report seconds and the process's peak working set on stdout.</summary>
    public static async Task<int> RunChildAsync(int users, Uri scimBaseUrl, string token)
    {
        var directory = Organisation.Users(users);
        await using var organisation = await Organisation.ActivatedAsync(directory, scimBaseUrl, token);
        var seconds = await Repeat.SecondsAsync(organisation.PushAllAsync);
        if (organisation.Created != users)
        {
            await Console.Error.WriteLineAsync($"created {organisation.Created} of {users} users");
            return 1;
        }
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Marker}{seconds:R} {self.PeakWorkingSet64}"));
        return 0;
    }

    private static async Task<(double Seconds, long PeakBytes)> ChildAsync(int users, MinimalScimEndpoint endpoint)
    {
        var start = SelfStart();
        foreach (var arg in new[] { ChildFlag, users.ToString(CultureInfo.InvariantCulture), endpoint.BaseUrl.AbsoluteUri, endpoint.Token })
        {
            start.ArgumentList.Add(arg);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The scaling child did not start.");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = (await stdout).Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The scaling child for {users} users failed (exit {child.ExitCode}): {await stderr}");
        var parts = line[Marker.Length..].Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>This program again: through the dotnet host when it runs as a dll, directly when it has an apphost.</summary>
    private static ProcessStartInfo SelfStart()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        return start;
    }
}
