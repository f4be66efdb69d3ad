using Conformance.Core;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Core.Insights;

namespace Conformance.Scim;

/// <summary>What one organisation's Identity Management engine works on and reports to.</summary>
public sealed record IdentityManagementOptions
{
    public required JumpCloudDirectory Directory { get; init; }
    public required ApplicationCatalog Catalog { get; init; }
    public required InsightsLog Insights { get; init; }

    /// <summary>Receives every SCIM exchange (channel "scim"), redacted by <see cref="Redactor"/>.</summary>
    public required IExchangeSink Exchanges { get; init; }

    public required Redactor Redactor { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public ScimEngineOptions Engine { get; init; } = new();

    /// <summary>The guide's rules of the IdM tab; tests switch one off to prove a scenario notices.</summary>
    public IdpRules Rules { get; init; } = IdpRules.Guide;

    /// <summary>Who the IdM tab actions (activate, update, reauth, deactivate) are attributed to in DI.</summary>
    public InsightsActor Administrator { get; init; } = new("admin", "administrator");
}
