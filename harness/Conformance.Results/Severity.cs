namespace Conformance.Results;

/// <summary>What a failed check does to its scenario: fail it, warn, or only inform.</summary>
public enum Severity
{
    Failure,
    Warning,
    Info,
}
