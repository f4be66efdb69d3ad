namespace Conformance.Scim;

/// <summary>
/// A SCIM request that did not succeed, after retries where they apply. <see cref="Exception.Message"/> is the SP's
/// RFC 7644 3.12 <c>detail</c> when it sent one, which is what DI records as <c>error_message</c>.
/// </summary>
public sealed class ScimRequestException : Exception
{
    public ScimRequestException() { }

    public ScimRequestException(string message) : base(message) { }

    public ScimRequestException(string message, Exception innerException) : base(message, innerException) { }

    public ScimRequestException(int status, string? scimType, string message) : base(message)
    {
        Status = status;
        ScimType = scimType;
    }

    /// <summary>The last HTTP status, or 0 when no answer came.</summary>
    public int Status { get; }

    /// <summary>RFC 7644 3.12 scimType (invalidValue, uniqueness, …) when the SP sent one.</summary>
    public string? ScimType { get; }
}
