using System.Text.Json;

namespace Conformance.Scim.Transport;

/// <summary>
/// What one attempt got: the SCIM resource as parsed (null for an empty body; its reader disposes it), or the SP's error, whether another attempt may
/// fare better, and the Retry-After the SP asked for.
/// </summary>
internal readonly record struct ScimAnswer(JsonDocument? Document, ScimRequestException? Error, bool Retryable, TimeSpan? RetryAfter);
