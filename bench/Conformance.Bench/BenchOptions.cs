namespace Conformance.Bench;

/// <summary>How much the run measures: the full run, or --quick (smaller counts, shorter windows, under 2 minutes).</summary>
internal sealed record BenchOptions
{
    public required string Root { get; init; }
    public required bool Quick { get; init; }

    /// <summary>Every figure is the median of this many repetitions (the issue asks for at least 5).</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>How long each signing loop runs per repetition, in ten alternating turns.</summary>
    public TimeSpan SignWindow => Quick ? TimeSpan.FromMilliseconds(400) : TimeSpan.FromSeconds(2);
    public int PushUsers => Quick ? 600 : 10_000;

    /// <summary>
    /// WireMock's own cost per request (matching, its request log) keeps the stub far below Kestrel, so it gets fewer
    /// users than Kestrel to keep the run short. Its store is indexed, so a larger push no longer grows quadratically.
    /// </summary>
    public int StubPushUsers => Quick ? 600 : 2_000;
    public TimeSpan LoadWindow => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    /// <summary>--quick keeps one 10x step, on smaller sizes, to stay under 2 minutes.</summary>
    public IReadOnlyList<int> ScaleSizes => Quick ? [500, 5_000] : [1_000, 10_000, 100_000];

    /// <summary>The repository root: the folder holding ConformanceSuite.sln, found from the working directory or the binary.</summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ConformanceSuite.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Run from inside the repository: ConformanceSuite.sln was not found above the working directory.");
    }
}
