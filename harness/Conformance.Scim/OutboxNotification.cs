namespace Conformance.Scim;

/// <summary>
/// A notification the IdP sends the administrator, kept instead of mailed:
/// "If you have more than 100 users being imported, JumpCloud will send you an email when your import is complete".
/// </summary>
public sealed record OutboxNotification(DateTimeOffset Time, string Text);
