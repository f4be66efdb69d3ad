using System.Globalization;

namespace Conformance.Bench.Reporting;

/// <summary>
/// CPU time of a process and of every process it starts, while they run: read from /proc every 50 ms. The rusage
/// of a waited-for child (what /usr/bin/time prints) misses chromium's renderers, which Playwright's driver leaves
/// to be re-parented and reaped by init: on the browser scenarios that was a third of the run's CPU. A process is
/// counted from its last reading, so one that lived under 50 ms, or its last 50 ms, is missed. Linux only.
/// </summary>
internal sealed class ProcessTreeCpu : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private const double TicksPerSecond = 100; // USER_HZ: the unit of utime and stime in /proc/<pid>/stat on Linux

    private readonly Dictionary<(int Pid, long Start), (string Kind, double Seconds)> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    private ProcessTreeCpu(int root)
    {
        _polling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Interval);
            do
            {
                Poll(root);
            }
            while (await Wait(timer));
        });
    }

    /// <summary>Starts watching <paramref name="root"/> and what it starts; null where there is no /proc to read.</summary>
    public static ProcessTreeCpu? Watch(int root) => Directory.Exists("/proc/self") ? new ProcessTreeCpu(root) : null;

    /// <summary>Stops watching (after one last reading) and returns the CPU seconds by kind: chromium, node, dotnet, other.</summary>
    public async Task<IReadOnlyDictionary<string, double>> StopAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        return _seen.Values.GroupBy(v => v.Kind).ToDictionary(g => g.Key, g => g.Sum(v => v.Seconds));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }

    private async Task<bool> Wait(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Poll(int root)
    {
        var all = new List<(int Pid, int Parent, long Start, string Name, double Seconds)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } process)
            {
                all.Add(process);
            }
        }
        // In the tree: the root, what was seen before (the start time tells a reused pid apart), and, repeated until
        // nothing is added (/proc does not list parents first), whatever a process of the tree started.
        var inTree = all.Where(p => p.Pid == root || _seen.ContainsKey((p.Pid, p.Start))).Select(p => p.Pid).ToHashSet();
        bool grew;
        do
        {
            grew = false;
            foreach (var p in all.Where(p => !inTree.Contains(p.Pid) && inTree.Contains(p.Parent)))
            {
                grew |= inTree.Add(p.Pid);
            }
        }
        while (grew);
        foreach (var p in all.Where(p => inTree.Contains(p.Pid)))
        {
            var key = (p.Pid, p.Start);
            _seen[key] = (_seen.TryGetValue(key, out var known) ? known.Kind : Kind(p.Pid, p.Name), p.Seconds);
        }
    }

    private static (int Pid, int Parent, long Start, string Name, double Seconds)? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: the fields after it are counted from its ')'.
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
            var seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            return (pid, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture), name, seconds);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null; // gone between the listing and the read, or not ours to read
        }
    }

    private static string Kind(int pid, string name)
    {
        string command;
        try
        {
            command = File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            command = name;
        }
        return command.Contains("chrom", StringComparison.OrdinalIgnoreCase) ? "chromium"
            : command.Contains("node", StringComparison.Ordinal) ? "node"
            : command.Contains("dotnet", StringComparison.Ordinal) || name == "dotnet" ? "dotnet"
            : "other";
    }
}
