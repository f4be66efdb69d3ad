using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Running;

public sealed record RunOptions
{
    public required TargetFile Target { get; init; }

    /// <summary>Seeds the users of every scenario that sets no seed of its own.</summary>
    public int Seed { get; init; } = 1;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where artifacts (saml/, browser/) are written; null keeps them in memory only.</summary>
    public string? RunFolder { get; init; }

    /// <summary>A scenario that runs longer fails with a timeout instead of hanging the run.</summary>
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public string? Shard { get; init; }

    public ExpectedFailures ExpectedFailures { get; init; } = ExpectedFailures.None;
}
