namespace Conformance.Core.Http;

/// <summary>A journal of HTTP exchanges that capturing handlers write to: the one ordered, thread-safe list, as a sink.</summary>
public sealed class ExchangeJournal : Journal<HttpExchange>, IExchangeSink
{
    public void Record(HttpExchange exchange) => Add(exchange);
}
