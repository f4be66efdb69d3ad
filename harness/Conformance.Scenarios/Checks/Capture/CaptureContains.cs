using System.ComponentModel;
using Conformance.Scenarios.Running;

namespace Conformance.Scenarios.Checks.Capture;

public sealed record CaptureInput
{
    [Description("The text to look for, e.g. ${users[0].password}.")]
    public required string Text { get; init; }

    [Description("Only exchanges of this channel: scim, saml, control, browser; every channel when absent.")]
    public string? Channel { get; init; }
}

/// <summary>
/// Whether a text appears anywhere in what the harness captured (URLs, headers, bodies) — false is what a secret
/// must give: captured exchanges are evidence handed to others, so passwords and tokens are redacted before capture.
/// </summary>
public sealed class CaptureContains : Condition<CaptureInput>
{
    public override string Name => "capture.contains";
    public override Observed Observes => Observed.Boolean;
    public override string Description => "Whether any captured HTTP exchange (URL, headers, bodies) contains the text (true/false).";

    protected override Task<Observation> ObserveAsync(CaptureInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var exchanges = context.Exchanges.All.Where(e => input.Channel is null || e.Channel == input.Channel).ToList();
        var hits = exchanges.Where(e =>
            new[] { e.Url, e.RequestBody, e.ResponseBody, e.Error }
                .Concat(e.RequestHeaders.Concat(e.ResponseHeaders).Select(h => h.Value))
                .Any(text => text?.Contains(input.Text, StringComparison.Ordinal) == true)).ToList();
        return Task.FromResult(new Observation(hits.Count > 0,
            $"{hits.Count} of {exchanges.Count} captured exchanges contain it{(hits.Count == 0 ? "" : ": " + string.Join(", ", hits.Take(5).Select(e => $"{e.Method} {e.Url}")))}"));
    }
}
