using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Targets;
using Conformance.Scim;

namespace Conformance.Scenarios.Steps.Sp;

public sealed record SpSeedInput
{
    [Description("How many users the SP holds before JumpCloud knows them; userNames are {prefix}001, {prefix}002, …")]
    public int Count { get; init; }

    [Description("How many of them (the last ones) are suspended in the SP.")]
    public int Suspended { get; init; }

    [RunMarked]
    public string Prefix { get; init; } = "bjn.native";

    [Description("Groups the SP holds already (empty), by displayName.")]
    [RunMarked]
    public IReadOnlyList<string> Groups { get; init; } = [];
}

/// <summary>
/// "This functionality is helpful if users have already been created in the application but have not been
/// created in JumpCloud." Creates that state through the SP's own SCIM API with the target's token; the
/// requests are captured on the "control" channel, so they never count as pushes of the IdP.
/// </summary>
public sealed class SpSeed : StepAction<SpSeedInput>
{
    private const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    public override string Name => "sp.seed";
    public override IReadOnlyList<string> Needs => [Capability.Scim];
    public override string Description => "Creates users (some suspended) and groups directly in the SP, as if made there before the integration.";

    protected override async Task ExecuteAsync(SpSeedInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        // The SP's admin seeding its own tenant: not an IdP push, so kept out of scim.requests.
        using var http = context.SpScimClient(Channels.Control);
        for (var i = 1; i <= input.Count; i++)
        {
            var userName = string.Create(CultureInfo.InvariantCulture, $"{input.Prefix}{i:D3}");
            await PostAsync(http, "/Users", new JsonObject
            {
                ["schemas"] = new JsonArray(UserSchema),
                ["userName"] = userName,
                ["name"] = new JsonObject { ["givenName"] = "Native", ["familyName"] = string.Create(CultureInfo.InvariantCulture, $"User {i}") },
                ["emails"] = new JsonArray(new JsonObject { ["value"] = userName + "@bluejeans.example", ["type"] = "work", ["primary"] = true }),
                ["active"] = i <= input.Count - input.Suspended,
            }, cancellationToken).ConfigureAwait(false);
        }
        foreach (var group in input.Groups)
        {
            await PostAsync(http, "/Groups", new JsonObject
            {
                ["schemas"] = new JsonArray(GroupSchema),
                ["displayName"] = group,
                ["members"] = new JsonArray(),
            }, cancellationToken).ConfigureAwait(false);
        }
        context.Note($"the SP holds {input.Count} users of its own ({input.Suspended} suspended) and {input.Groups.Count} groups");
    }

    private static async Task PostAsync(ScimAdminClient http, string path, JsonObject body, CancellationToken cancellationToken)
    {
        try
        {
            await http.SendAsync(HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
        }
        catch (ScimRequestException refused)
        {
            throw new SpFaultException($"the SP did not create {body["userName"] ?? body["displayName"]} (POST {path}): {refused.Message}", refused);
        }
    }
}
