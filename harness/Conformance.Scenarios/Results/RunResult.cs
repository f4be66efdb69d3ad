namespace Conformance.Scenarios.Results;

public sealed record RunResult
{
    public required string RunId { get; init; }
    public required int Seed { get; init; }
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

    public Outcome Outcome => Scenarios.Count == 0 ? Outcome.Passed : Scenarios.Max(s => s.Outcome);

    public int Count(Outcome outcome) => Scenarios.Count(s => s.Outcome == outcome);

    /// <summary>The contract's exit code: 3 harness error, 1 conformance failure, else 0.</summary>
    public int ExitCode => Outcome switch
    {
        Outcome.Errored => 3,
        Outcome.Failed => 1,
        _ => Interrupted ? 3 : 0,
    };
}
