using Conformance.IdP.Agent;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Steps.Sso;

/// <summary>
/// Single logout (SAML Profiles 4.4): the user signs in, launches the application's tile, then signs out at
/// JumpCloud. The IdP sends a signed LogoutRequest to the SLO URL of the SSO tab and the SP answers with a
/// LogoutResponse. One user agent carries the cookies through the three walks; the logout walk is stored.
/// </summary>
public sealed class SsoLogout : StepAction<LoginInput>
{
    public override string Name => "sso.logout";
    public override IReadOnlyList<string> Needs => [Capability.Saml, Capability.SamlSlo];
    public override string Description => "Signs in, launches the application's tile, then signs out at the IdP (IdP-initiated single logout).";

    protected override async Task ExecuteAsync(LoginInput input, ScenarioContext context, CancellationToken cancellationToken)
    {
        var idp = context.Idp;
        using var agent = new SsoUserAgent(new Uri(idp.BaseUrl), context, context.Redactor, context.Time);
        var launch = await SsoIdpLogin.SignInAndLaunchAsync(agent, input, context, cancellationToken).ConfigureAwait(false);
        await SsoResult.StoreAsync(context, launch, agent, input.User, cancellationToken).ConfigureAwait(false);
        if (!launch.ResponseDelivered)
        {
            return;
        }
        var logout = await agent.OpenAsync(new Uri(idp.SloUrl(input.App)), cancellationToken).ConfigureAwait(false);
        SsoResult.Store(context, logout);
        if (context.Target.Saml?.Session?.Url is { } probe)
        {
            // The SP's own session page, with the browser's cookies, says whether the LogoutRequest ended its session.
            var (status, _, location) = await agent.PeekAsync(new Uri(probe), cancellationToken).ConfigureAwait(false);
            bool? ended = status is 0 ? null : status is (>= 300 and < 400) or 401 or 403;
            context.Remember(context.Outcome<SsoResult>() with { SessionEnded = ended });
            context.Note($"After single logout the SP's session page {probe} answered {status}{(location is null ? "" : $" → {location}")}: session {ended switch { true => "ended", false => "still open", null => "unknown (no answer)" }}");
        }
    }
}
