namespace Conformance.Scenarios.Running;

/// <summary>
/// The SP did something that stops a step (a 5xx, garbage, a timeout). It becomes a conformance
/// failure with the message; any other exception from an action is a harness error.
/// </summary>
public sealed class SpFaultException : Exception
{
    public SpFaultException(string message) : base(message) { }

    public SpFaultException(string message, Exception innerException) : base(message, innerException) { }

    public SpFaultException() { }
}
