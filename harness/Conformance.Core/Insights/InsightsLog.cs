namespace Conformance.Core.Insights;

/// <summary>
/// The organisation's Directory Insights log: append-only, in the order events were logged.
/// Ids are sequential so that a seeded run produces the same log.
/// </summary>
public sealed class InsightsLog(TimeProvider time, string organization)
{
    private readonly Lock _gate = new();
    private readonly List<InsightsEvent> _events = [];

    public string Organization => organization;

    public IReadOnlyList<InsightsEvent> Events
    {
        get { lock (_gate) { return [.. _events]; } }
    }

    public event Action<InsightsEvent>? Logged;

    /// <summary>Logs an event; id, timestamp and organization are filled in here.</summary>
    public InsightsEvent Log(
        string eventType,
        bool success,
        InsightsResource resource,
        InsightsApplication application,
        string? errorMessage = null,
        InsightsActor? initiatedBy = null)
    {
        InsightsEvent logged;
        lock (_gate)
        {
            logged = new InsightsEvent
            {
                Id = $"di-{_events.Count + 1:D6}",
                Timestamp = time.GetUtcNow(),
                EventType = eventType,
                Organization = organization,
                Success = success,
                ErrorMessage = success ? null : errorMessage ?? "unknown error",
                InitiatedBy = initiatedBy ?? new InsightsActor("system", "jumpcloud"),
                Resource = resource,
                Application = application,
            };
            _events.Add(logged);
        }
        Logged?.Invoke(logged);
        return logged;
    }

    public IReadOnlyList<InsightsEvent> Where(Func<InsightsEvent, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _events.Where(predicate)];
        }
    }
}
