using System.Text.Json.Nodes;

namespace Conformance.Scim.Transport;

/// <summary>
/// What one attempt got: the SCIM resource (null for an empty body), or the SP's error, whether another attempt may
/// fare better, and the Retry-After the SP asked for.
/// </summary>
internal readonly record struct ScimAnswer(JsonObject? Resource, ScimRequestException? Error, bool Retryable, TimeSpan? RetryAfter);
