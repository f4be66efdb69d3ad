namespace BlueJeans.Stub.Saml;

/// <summary>What a verified Response asserts.</summary>
internal sealed record SamlLogin(
    string ResponseId,
    string AssertionId,
    string? InResponseTo,
    string NameId,
    string UserId,
    string? Email,
    string? SessionIndex);
