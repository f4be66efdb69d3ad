using System.Collections.Concurrent;
using Conformance.Core.Saml;

namespace Conformance.Testing;

/// <summary>Keeps every SAML message the IdP sends, for tests that look at them and for those that do not.</summary>
public sealed class RecordingSamlSink : ISamlMessageSink
{
    public ConcurrentQueue<SamlMessageRecord> Messages { get; } = new();

    public void Record(SamlMessageRecord message) => Messages.Enqueue(message);

    public IReadOnlyList<SamlMessageRecord> Of(SamlMessageKind kind) => [.. Messages.Where(m => m.Kind == kind)];
}
