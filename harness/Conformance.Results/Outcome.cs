namespace Conformance.Results;

/// <summary>Ordered from best to worst, so that a parent's outcome is the maximum of its children's.</summary>
public enum Outcome
{
    Passed,
    Skipped,
    Warning,

    /// <summary>Failed, and listed in expected-failures.yaml with a reason: reported, but the run does not fail.</summary>
    ExpectedFailure,

    /// <summary>
    /// The evidence decided neither way (e.g. the SP's answer named no user): never a pass, never blamed on the SP.
    /// </summary>
    Inconclusive,

    Failed,

    /// <summary>The harness itself broke: never reported as a conformance failure of the SP.</summary>
    Errored,
}
