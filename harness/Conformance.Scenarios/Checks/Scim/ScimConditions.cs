using System.ComponentModel;
using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Targets;
using Conformance.Scim;
using Conformance.Scim.Import;

namespace Conformance.Scenarios.Checks.Scim;

public enum SpUserSource
{
    [Description("The SP's SCIM API (GET /Users?filter=userName eq \"…\"), as any SCIM client reads it: works on an SP as deployed.")]
    Scim,

    [Description("The SP's control API, for what only the SP's own admin sees (recordings, whether a password is set).")]
    Control,
}

public sealed record SpUserInput
{
    [Description("The userName the SP stores.")]
    [RunMarked]
    public required string User { get; init; }

    [Description("A dotted path into the stored SCIM user (name.givenName, emails.0.value, active, title); the whole user when absent.")]
    public string? Path { get; init; }

    [Description("Where to read it: scim (default, standard) or control (SP-only views; needs control.users).")]
    public SpUserSource Source { get; init; } = SpUserSource.Scim;
}

/// <summary>
/// What the SP stores for a user, read the standard way (RFC 7644 3.4.2.2 filter on userName, with the target's
/// token and timeout, kept out of the IdP's scim.requests), or through its control API for SP-only views.
/// </summary>
public sealed class SpUser : Condition<SpUserInput>
{
    public const string Channel = Channels.SpRead;

    public override string Name => "sp.user";
    public override IReadOnlyList<string> Needs => [Capability.Scim];
    public override string Description => "The SP's stored user (or one attribute of it); null when the SP has no such user.";

    protected override async Task<Observation> ObserveAsync(SpUserInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var user = input.Source == SpUserSource.Control
            ? await ControlAsync(input, context, cancellationToken).ConfigureAwait(false)
            : await ScimAsync(input.User, context, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new Observation(null, $"the SP has no user '{input.User}'");
        }
        var node = user;
        foreach (var part in (input.Path ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonArray array when int.TryParse(part, out var index) => index < array.Count ? array[index] : null,
                JsonObject obj => obj[part] ?? obj.FirstOrDefault(p => p.Key.StartsWith("urn:", StringComparison.Ordinal) && p.Value is JsonObject ext && ext[part] is not null).Value?[part],
                _ => null,
            };
        }
        return new Observation(node?.DeepClone(), input.Path is null ? null : $"{input.User}.{input.Path}");
    }

    private static Task<JsonNode?> ControlAsync(SpUserInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        context.Require(Capability.OfControl("users"), $"'{input.Path ?? "the user"}' is only visible to the SP's own admin");
        return context.SpControl.GetUserAsync(input.User, cancellationToken);
    }

    private static async Task<JsonNode?> ScimAsync(string userName, ScenarioContext context, CancellationToken cancellationToken)
    {
        using var http = context.SpScimClient(Channel);
        var quoted = $"\"{userName}\"";
        JsonObject? list;
        try
        {
            list = await http.SendAsync(HttpMethod.Get, "/Users" + ScimAdminClient.EqualFilter("userName", userName), null, cancellationToken).ConfigureAwait(false);
        }
        catch (ScimRequestException fault)
        {
            throw new SpFaultException($"GET /Users?filter=userName eq {quoted} failed: {fault.Message}", fault);
        }
        // RFC 7644 3.4.2: a ListResponse, whose Resources may be absent when totalResults is 0; userName is
        // caseExact=false (RFC 7643 4.1.1), so compare that way.
        return list?["Resources"] is JsonArray resources
            ? resources.FirstOrDefault(r => r is JsonObject o && o["userName"] is JsonValue v && v.TryGetValue<string>(out var name) && string.Equals(name, userName, StringComparison.OrdinalIgnoreCase))?.DeepClone()
            : list?["totalResults"] is JsonValue total && total.TryGetValue<int>(out var count) && count == 0 ? null
            : throw new SpFaultException($"the SP answered GET /Users?filter=userName eq {quoted} with something that is not a SCIM ListResponse");
    }
}

public sealed record ScimRequestsInput
{
    public string? Method { get; init; }

    [Description("Only requests whose URL path contains this (e.g. /Users, /Groups).")]
    public string? Path { get; init; }

    [Description("Only requests whose URL, percent-decoded, contains this (e.g. filter=userName eq).")]
    public string? UrlContains { get; init; }

    [Description("Only requests whose body contains this text.")]
    public string? BodyContains { get; init; }

    [Description("Only answers with this status (0: no answer).")]
    public int? Status { get; init; }

    [Description("Only requests sent during this check's step (default: the whole scenario).")]
    public bool ThisStep { get; init; }
}

/// <summary>
/// Counts what the IdP actually sent to the SP's SCIM API in this scenario, from the harness's own
/// capture — it works against any SP, including one without a control API.
/// </summary>
public sealed class ScimRequests : Condition<ScimRequestsInput>
{
    public override string Name => "scim.requests";
    public override Observed Observes => Observed.Number;
    public override string Description => "How many SCIM requests the IdP sent in this scenario or this step (filter by method, path, body text, status).";

    protected override Task<Observation> ObserveAsync(ScimRequestsInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var scim = (input.ThisStep ? context.Exchanges.Since(context.StepExchangesStart) : context.Exchanges.All).Where(e => e.Channel == Channels.Scim).ToList();
        var matching = scim.Where(e =>
            (input.Method is null || string.Equals(e.Method, input.Method, StringComparison.OrdinalIgnoreCase))
            && (input.Path is null || new Uri(e.Url).AbsolutePath.Contains(input.Path, StringComparison.Ordinal))
            && (input.UrlContains is null || Uri.UnescapeDataString(e.Url).Contains(input.UrlContains, StringComparison.Ordinal))
            && (input.BodyContains is null || (e.RequestBody ?? "").Contains(input.BodyContains, StringComparison.Ordinal))
            && (input.Status is null || e.Status == input.Status)).ToList();
        return Task.FromResult(new Observation(matching.Count,
            $"{matching.Count} of {scim.Count} SCIM requests match: " + string.Join(", ", matching.Take(8).Select(e => $"{e.Method} {new Uri(e.Url).PathAndQuery} → {e.Status}"))));
    }
}

public sealed record IdmAppInput
{
    public required string App { get; init; }
}

public sealed class IdmActive : Condition<IdmAppInput>
{
    public override string Name => "idm.active";
    public override Observed Observes => Observed.Boolean;
    public override string Description => "Whether the application's IdM integration is active (true/false).";

    protected override Task<Observation> ObserveAsync(IdmAppInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Observation(context.Idm.For(input.App).IsActive));
}

public sealed class IdmMappings : Condition<IdmAppInput>
{
    public override string Name => "idm.mappings";
    public override string Description => "The SCIM attributes the application's export mapping sends (required and included optional rows).";

    protected override Task<Observation> ObserveAsync(IdmAppInput input, ScenarioContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new Observation(new JsonArray([.. context.Idm.For(input.App).Mappings.Select(m => (JsonNode)m.ScimAttribute)])));
}

public enum ImportFigure
{
    Listed,
    New,
    Imported,
    Pages,
    Created,
    Skipped,

    [Description("true when the import finished inline (100 or fewer users).")]
    Completed,

    [Description("How many notifications the outbox holds (an import of more than 100 users sends one when done).")]
    Notifications,
}

public sealed record ImportInput
{
    public required ImportFigure Figure { get; init; }
}

/// <summary>"Users in the list have two import statuses: New … Imported".</summary>
public sealed class ImportCondition : Condition<ImportInput>
{
    public override string Name => "import.result";
    public override string Description => "A figure of the last manual import: listed, new, imported, pages, created, skipped, completed, notifications.";

    protected override async Task<Observation> ObserveAsync(ImportInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        await context.SettleAsync(cancellationToken).ConfigureAwait(false);
        var listing = context.OutcomeOrNull<ImportListing>();
        var result = context.OutcomeOrNull<ImportResult>();
        // A background import is settled by now: created and skipped are what it did once done.
        var done = result?.Finished is { IsCompletedSuccessfully: true } finished ? finished.Result : result;
        JsonNode? value = input.Figure switch
        {
            ImportFigure.Listed => listing?.Users.Count,
            ImportFigure.New => listing?.NewUsersOnly.Count,
            ImportFigure.Imported => listing?.Users.Count(u => u.Status == ImportStatus.Imported),
            ImportFigure.Pages => listing?.PagesRead,
            ImportFigure.Created => done?.Created.Count,
            ImportFigure.Skipped => done?.Skipped.Count,
            ImportFigure.Completed => result?.Completed,
            _ => context.Idm.Outbox.Count,
        };
        return new Observation(value, result?.Message);
    }
}
