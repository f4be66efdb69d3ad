using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Checks.Sso;

public sealed record SsoSettingsInput
{
    public required string App { get; init; }

    [Description("A field of the SSO tab: spEntityId, acsUrl, targetUrl, sloUrl, nameIdSource, nameIdFormat, attributes, signing, active.")]
    public required string Field { get; init; }
}

/// <summary>"Select the SSO tab." — what the IdP's SSO tab of an application holds (null before it is saved).</summary>
public sealed class SsoSettingsCondition : Condition<SsoSettingsInput>
{
    public override string Name => "sso.settings";
    public override string Description => "A field of the application's SSO tab on the IdP (targetUrl, nameIdSource, attributes, active, …).";

    protected override Task<Observation> ObserveAsync(SsoSettingsInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var settings = context.Idp.FindSso(input.App);
        if (settings is null)
        {
            return Task.FromResult(new Observation(null, $"the SSO tab of '{input.App}' was never saved"));
        }
        var json = JsonSerializer.SerializeToNode(settings, JsonOptions.Web) as JsonObject;
        var value = json?[input.Field] ?? (json?.ContainsKey(input.Field) == true ? null
            : throw new ArgumentException($"the SSO tab has no field '{input.Field}'; fields: {string.Join(", ", json?.Select(p => p.Key) ?? [])}"));
        return Task.FromResult(new Observation(value?.DeepClone()));
    }
}
