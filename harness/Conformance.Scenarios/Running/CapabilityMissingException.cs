namespace Conformance.Scenarios.Running;

/// <summary>
/// A step needs something the target does not declare (a control API capability, say): the scenario is skipped
/// with the capability named, never failed, because the SP did nothing wrong.
/// </summary>
public sealed class CapabilityMissingException : Exception
{
    public CapabilityMissingException(string capability, string why)
        : base($"target lacks {capability}: {why}") => Capability = capability;

    public CapabilityMissingException() : this("?", "unknown") { }

    public CapabilityMissingException(string message) : base(message) => Capability = "?";

    public CapabilityMissingException(string message, Exception innerException) : base(message, innerException) => Capability = "?";

    public string Capability { get; }
}
