namespace Conformance.Core.Http;

/// <summary>Where captured exchanges go (the scenario's evidence, the HAR writer).</summary>
public interface IExchangeSink
{
    void Record(HttpExchange exchange);
}
