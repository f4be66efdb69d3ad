using System.Text.Json.Serialization;

namespace Conformance.Core.Insights;

/// <summary>
/// A Directory Insights record, with the fields JumpCloud's DI API returns for SCIM events
/// (snake_case on the wire, as in insights.ndjson).
/// </summary>
public sealed record InsightsEvent
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("timestamp")] public required DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("event_type")] public required string EventType { get; init; }
    [JsonPropertyName("service")] public string Service { get; init; } = "sso";
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("success")] public required bool Success { get; init; }
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; init; }
    [JsonPropertyName("initiated_by")] public required InsightsActor InitiatedBy { get; init; }
    [JsonPropertyName("resource")] public required InsightsResource Resource { get; init; }
    [JsonPropertyName("application")] public required InsightsApplication Application { get; init; }
}

public sealed record InsightsActor(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id);

public sealed record InsightsResource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("displayName")] string? DisplayName = null);

public sealed record InsightsApplication(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display_label")] string DisplayLabel);
