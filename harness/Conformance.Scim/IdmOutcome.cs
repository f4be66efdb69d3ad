namespace Conformance.Scim;

/// <summary>What the Admin Portal answered to an IdM tab action: success, or the message the administrator reads.</summary>
public sealed record IdmOutcome(bool Success, string Message)
{
    internal static IdmOutcome Ok(string message) => new(true, message);

    internal static IdmOutcome Refused(string message) => new(false, message);
}
