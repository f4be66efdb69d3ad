using Conformance.Core;
using Conformance.IdP;
using Conformance.Scenarios.Running;
using Conformance.Scim;

namespace Conformance.Scenarios.Harness;

/// <summary>
/// Gives every scenario a clean world: the SP's state reset through its control API, a new mock IdP
/// on Kestrel and a new SCIM engine over the scenario's own directory, all torn down afterwards. The IdP
/// keeps the run's identity (<paramref name="identity"/>: address and key) so an SP configured once trusts every scenario's.
/// <paramref name="rules"/>: an IdP whose rules differ from the guide's (the mutation proofs switch one off).
/// </summary>
public sealed class HarnessEnvironment(IdpIdentity? identity = null, IdpRules? rules = null) : IScenarioEnvironment
{
    public async Task<IAsyncDisposable> PrepareAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = new Parts();
        try
        {
            if (context.Target.Control is { } control)
            {
                var client = SpControl.Create(control, context, context.Redactor, context.Time);
                parts.Control = client;
                context.SpControl = client;
                // A clean slate per scenario only where the SP offers one; a tenant without it relies on the clean-up.
                if (control.Capabilities.Contains("reset"))
                {
                    await client.ResetAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            var idm = new IdentityManagement(new IdentityManagementOptions
            {
                Directory = context.Directory,
                Catalog = context.Applications,
                Insights = context.Insights,
                Exchanges = context,
                Redactor = context.Redactor,
                Time = context.Time,
                Engine = EngineOptions(context.Target.Scim) with { ImportUserNamePrefix = context.Namespace.Prefix },
                Rules = rules ?? IdpRules.Guide,
            });
            parts.Idm = idm;
            context.Idm = idm;
            context.Settlers.Add(idm.WhenIdleAsync);
            var idp = await MockIdpServer.StartAsync(new MockIdpOptions
            {
                Directory = context.Directory,
                Catalog = context.Applications,
                Sink = context,
                Time = context.Time,
                BaseUrl = identity?.BaseUrl,
                SigningCertificate = identity?.Signing,
                Rules = rules ?? IdpRules.Guide,
                Insights = context.Insights,
                IdentityManagement = idm,
            }, cancellationToken).ConfigureAwait(false);
            parts.Idp = idp;
            context.Redactor.AddSecret(idp.ApiKey);
            context.Redactor.AddSecret(idp.AdminPassword);
            context.Idp = idp;
            context.Set(ScenarioValues.IdpBaseUrl, idp.BaseUrl);
            context.Set(ScenarioValues.IdpUserConsoleUrl, idp.UserConsoleUrl);
            // What a deployed SP's admin page shows, from the target; a control.saml SP reports its own in sp.configure-saml.
            if (context.Target.Saml?.RelayState is { } relayState)
            {
                context.Set(ScenarioValues.SpRelayState, relayState);
            }
            if (context.Target.Saml?.SloUrl is { } sloUrl)
            {
                context.Set(ScenarioValues.SpSloUrl, sloUrl);
            }
            return parts;
        }
        catch
        {
            await parts.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The target decides how patient the IdP is: a local stub answers in milliseconds, a vendor's SP may not.</summary>
    internal static ScimEngineOptions EngineOptions(Targets.ScimSpec? scim) => scim is null ? new ScimEngineOptions() : new ScimEngineOptions
    {
        Timeout = TimeSpan.FromSeconds(scim.TimeoutSeconds),
        InitialBackoff = TimeSpan.FromMilliseconds(scim.RetryBackoffMilliseconds),
        MaxBackoff = TimeSpan.FromSeconds(scim.MaxRetryWaitSeconds),
    };

    private sealed class Parts : IAsyncDisposable
    {
        public SpControl? Control { get; set; }
        public MockIdpServer? Idp { get; set; }
        public IdentityManagement? Idm { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Idm is not null)
            {
                await Idm.DisposeAsync().ConfigureAwait(false);
            }
            if (Idp is not null)
            {
                await Idp.DisposeAsync().ConfigureAwait(false);
            }
            Control?.Dispose();
        }
    }
}
