using Conformance.Core.Directories;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Running;

public sealed record RunOptions
{
    public required TargetFile Target { get; init; }

    /// <summary>Seeds the users of every scenario that sets no seed of its own.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The mark on every user, group and external id the run creates (<c>--namespace</c>); none by default.</summary>
    public RunNamespace Namespace { get; init; } = RunNamespace.None;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where artifacts (saml/, browser/) are written; null keeps them in memory only.</summary>
    public string? RunFolder { get; init; }

    /// <summary>A scenario that runs longer fails with a timeout instead of hanging the run.</summary>
    public TimeSpan ScenarioTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public string? Shard { get; init; }

    public ExpectedFailures ExpectedFailures { get; init; } = ExpectedFailures.None;

    /// <summary>Leaves what each scenario created in the SP (--keep-data); by default it is deleted through SCIM afterwards.</summary>
    public bool KeepData { get; init; }

    /// <summary>How long the clean-up after one scenario may take, whatever stopped the scenario.</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
