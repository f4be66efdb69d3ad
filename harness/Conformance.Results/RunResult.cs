namespace Conformance.Results;

public sealed record RunResult
{
    public required string RunId { get; init; }
    public required int Seed { get; init; }

    /// <summary>The mark on what the run created in the SP (<c>none</c>: names as written); shards merged may list several.</summary>
    public string Namespace { get; init; } = "none";
    public required string Target { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }
    public required string HarnessVersion { get; init; }
    public string? Commit { get; init; }

    /// <summary>"i/n" when the run was one shard of a larger one.</summary>
    public string? Shard { get; init; }

    /// <summary>True when the run was stopped (Ctrl+C, crash) before every scenario ran.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Every line of the guide with what this run did about it, read when the run ended.</summary>
    public IReadOnlyList<GuideLine> Guide { get; init; } = [];

    /// <summary>The guide's testable lines (all but the not-testable ones) and how many of them this run checked.</summary>
    public (int Checked, int Testable) GuideShare() =>
        (Guide.Count(l => l.Verdict == GuideLineVerdict.Checked), Guide.Count(l => l.Verdict != GuideLineVerdict.NotTestable));

    public Outcome Outcome => Scenarios.Count == 0 ? Outcome.Skipped : Scenarios.Max(s => s.Outcome);

    public int Count(Outcome outcome) => Scenarios.Count(s => s.Outcome == outcome);

    /// <summary>Scenarios that ran against the SP (not skipped): what the verdict rests on.</summary>
    public int Evaluated => Scenarios.Count(s => s.Outcome != Outcome.Skipped);

    /// <summary>
    /// The contract's exit code: 3 harness error or interrupted, 1 conformance failure, 4 not proven (nothing was
    /// evaluated, or a verdict was inconclusive), else 0. A run that checked nothing is never green.
    /// </summary>
    public int ExitCode => Outcome switch
    {
        Outcome.Errored => 3,
        Outcome.Failed => 1,
        _ when Interrupted => 3,
        Outcome.Inconclusive => 4,
        _ when Evaluated == 0 => 4,
        _ => 0,
    };
}
