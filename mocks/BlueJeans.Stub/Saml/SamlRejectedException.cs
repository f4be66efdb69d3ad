namespace BlueJeans.Stub.Saml;

/// <summary>The ACS refuses a Response; the message is what the error page shows.</summary>
internal sealed class SamlRejectedException(string reason) : Exception(reason);
