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
}
