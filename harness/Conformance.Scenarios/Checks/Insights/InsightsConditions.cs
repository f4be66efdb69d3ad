using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Insights;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Checks.Insights;

/// <summary>Which DI events a check looks at; unset fields match anything.</summary>
public sealed record InsightsQuery
{
    [Description("An event_type, e.g. user_create_provision; one ending in * matches every type it begins (group_*).")]
    public string? Type { get; init; }

    public bool? Success { get; init; }

    [Description("resource.username (users) or resource.displayName (groups).")]
    [RunMarked]
    public string? Resource { get; init; }

    [Description("For insights.field: which field of the newest matching event, e.g. error_message, resource.type, application.display_label.")]
    public string? Field { get; init; }

    internal bool Matches(InsightsEvent e) =>
        (Type is null || e.EventType == Type || (Type.EndsWith('*') && e.EventType.StartsWith(Type[..^1], StringComparison.Ordinal)))
        && (Success is null || e.Success == Success)
        && (Resource is null || string.Equals(e.Resource.Username ?? e.Resource.DisplayName, Resource, StringComparison.OrdinalIgnoreCase));

    internal string Describe() =>
        $"{Type ?? "any event"}{(Success is null ? "" : Success.Value ? " succeeded" : " failed")}{(Resource is null ? "" : $" for {Resource}")}";
}

/// <summary>"expect insights": how many DI events of the organisation match.</summary>
public sealed class InsightsCount : Condition<InsightsQuery>
{
    public override string Name => "insights.count";
    public override Observed Observes => Observed.Number;
    public override string Description => "How many Directory Insights events match type, success and resource.";

    protected override Task<Observation> ObserveAsync(InsightsQuery input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var all = context.Insights.Events;
        var matching = all.Where(input.Matches).ToList();
        // Concurrent pushes log in no fixed order: the detail counts by type so that a seed reproduces it.
        var detail = $"{matching.Count} of {all.Count} events are {input.Describe()}; logged: "
            + (all.Count == 0 ? "none" : string.Join(", ", all
                .GroupBy(e => $"{e.EventType}({(e.Success ? "ok" : "failed")})")
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}")));
        return Task.FromResult(new Observation(matching.Count, detail));
    }
}

public sealed class InsightsField : Condition<InsightsQuery>
{
    public override string Name => "insights.field";
    public override string Description => "A field (dotted path, snake_case as in insights.ndjson) of the newest matching DI event; null when none matches.";

    protected override Task<Observation> ObserveAsync(InsightsQuery input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var latest = context.Insights.Events.LastOrDefault(input.Matches);
        if (latest is null)
        {
            return Task.FromResult(new Observation(null, $"no event is {input.Describe()}"));
        }
        JsonNode? node = JsonSerializer.SerializeToNode(latest);
        foreach (var part in (input.Field ?? "id").Split('.'))
        {
            node = node?[part];
        }
        return Task.FromResult(new Observation(node?.DeepClone(), $"newest {latest.EventType} event, for {latest.Resource.Type} {latest.Resource.Username ?? latest.Resource.DisplayName ?? latest.Resource.Id}"));
    }
}
