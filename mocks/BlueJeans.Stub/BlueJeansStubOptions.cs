using Conformance.Core.Http;

namespace BlueJeans.Stub;

/// <summary>How to start a <see cref="BlueJeansStub"/>.</summary>
public sealed record BlueJeansStubOptions
{
    /// <summary>The loopback port to bind; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The SP's clock: SAML time windows, journal and session timestamps, SCIM meta dates, injected latency.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Registers the SCIM token as a secret and masks passwords in the journal.</summary>
    public Redactor Redactor { get; init; } = Redactor.Shared;
}
