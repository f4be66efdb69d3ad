using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Conformance.Bench.Reporting;

namespace Conformance.Bench.Micro;

/// <summary>
/// The BenchmarkDotNet micro figures, in process (no per-run project build, so --quick stays short), with the
/// memory diagnoser; each figure is the median of at least 5 measured iterations.
/// </summary>
internal static class MicroSuite
{
    public static IReadOnlyList<Figure> Run(BenchOptions options, string artifacts)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(options.Quick ? 1 : 3)
            .WithIterationCount(options.Quick ? 5 : 10)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(options.Quick ? 60 : 400));
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddLogger(NullLogger.Instance)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
        var summary = BenchmarkRunner.Run([typeof(SamlBenchmarks), typeof(ScimBenchmarks)], config).Single();
        return [.. summary.Reports.Where(r => r.ResultStatistics is not null).Select(r =>
        {
            var stats = r.ResultStatistics!;
            var allocated = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase);
            return new Figure
            {
                Group = "7 Micro (BenchmarkDotNet)",
                Name = r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                Unit = "µs/op",
                Value = new Stat(stats.Median / 1000, stats.Min / 1000, stats.Max / 1000, stats.N),
                Note = allocated is { } bytes ? $"{bytes:N0} B allocated/op" : null,
            };
        })];
    }
}
