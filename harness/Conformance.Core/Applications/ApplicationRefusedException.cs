namespace Conformance.Core.Applications;

/// <summary>The Admin Portal refused an application change; the message is what the administrator would read.</summary>
public sealed class ApplicationRefusedException : Exception
{
    public ApplicationRefusedException(string message) : base(message) { }

    public ApplicationRefusedException() { }

    public ApplicationRefusedException(string message, Exception innerException) : base(message, innerException) { }
}
