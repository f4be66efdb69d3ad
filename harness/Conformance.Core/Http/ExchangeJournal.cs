namespace Conformance.Core.Http;

/// <summary>A thread-safe, ordered list of exchanges.</summary>
public sealed class ExchangeJournal : IExchangeSink
{
    private readonly Lock _gate = new();
    private readonly List<HttpExchange> _exchanges = [];

    public IReadOnlyList<HttpExchange> Exchanges
    {
        get { lock (_gate) { return [.. _exchanges]; } }
    }

    public void Record(HttpExchange exchange)
    {
        lock (_gate)
        {
            _exchanges.Add(exchange);
        }
    }

    public int Count
    {
        get { lock (_gate) { return _exchanges.Count; } }
    }

    /// <summary>The exchanges recorded after the first <paramref name="skip"/>: what one step caused.</summary>
    public IReadOnlyList<HttpExchange> Since(int skip)
    {
        lock (_gate)
        {
            return [.. _exchanges.Skip(skip)];
        }
    }
}
