using System.Diagnostics;

namespace Conformance.Bench.Reporting;

/// <summary>Timing loops shared by the figures.</summary>
internal static class Repeat
{
    /// <summary>
    /// Operations per second of each of <paramref name="operations"/>, summed over <paramref name="threads"/> threads,
    /// measured in <paramref name="slices"/> short turns that alternate between them (forwards, then backwards), so
    /// that a noisy neighbour on a shared machine slows them all alike. Each thread gets its operation from the factory.
    /// </summary>
    public static double[] InterleavedRates(int threads, TimeSpan window, int slices, params Func<Action>[] operations)
    {
        var counts = new double[operations.Length];
        var seconds = new double[operations.Length];
        var turn = window / slices;
        for (var slice = 0; slice < slices; slice++)
        {
            for (var k = 0; k < operations.Length; k++)
            {
                var i = slice % 2 == 0 ? k : operations.Length - 1 - k;
                var (done, elapsed) = Run(threads, turn, operations[i]);
                counts[i] += done;
                seconds[i] += elapsed;
            }
        }
        return [.. counts.Zip(seconds, (c, t) => c / t)];
    }

    private static (long Done, double Seconds) Run(int threads, TimeSpan duration, Func<Action> operationForThread)
    {
        var counts = new long[threads];
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var operation = operationForThread();
            operation();
            start.SignalAndWait();
            var clock = Stopwatch.StartNew();
            long done = 0;
            while (clock.Elapsed < duration)
            {
                operation();
                done++;
            }
            counts[t] = done;
        })
        { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        start.SignalAndWait();
        var wall = Stopwatch.StartNew();
        workers.ForEach(w => w.Join());
        return (counts.Sum(), wall.Elapsed.TotalSeconds);
    }

    /// <summary>Seconds one asynchronous run takes.</summary>
    public static async Task<double> SecondsAsync(Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        return clock.Elapsed.TotalSeconds;
    }
}
