namespace BlueJeans.Stub.Saml;

/// <summary>What the ACS checks a Response against.</summary>
internal sealed record SamlCheckContext(
    SamlSettings Settings,
    string AcsUrl,
    string EntityId,
    DateTimeOffset Now,
    Func<string, bool> IsPendingRequest,
    Func<string, bool> WasSeen);
