namespace Conformance.Scenarios.Results;

/// <summary>Ordered from best to worst, so that a parent's outcome is the maximum of its children's.</summary>
public enum Outcome
{
    Passed,
    Skipped,
    Warning,
    Failed,

    /// <summary>The harness itself broke: never reported as a conformance failure of the SP.</summary>
    Errored,
}
