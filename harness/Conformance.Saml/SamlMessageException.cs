namespace Conformance.Saml;

/// <summary>A SAML message that cannot be accepted: not decodable, not well-formed, DTD-bearing, or not the expected message.</summary>
public sealed class SamlMessageException : Exception
{
    public SamlMessageException(string message) : base(message) { }

    public SamlMessageException() { }

    public SamlMessageException(string message, Exception innerException) : base(message, innerException) { }
}
