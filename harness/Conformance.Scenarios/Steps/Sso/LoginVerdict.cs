using System.Net;
using System.Text.RegularExpressions;
using Conformance.IdP.Agent;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Steps.Sso;

public enum LoginDecision
{
    /// <summary>No Response reached the SP (the IdP refused, or the walk never got there): nothing for the SP to decide.</summary>
    NotDelivered,

    /// <summary>The SP answered the Response with an error, sent the user back to sign in, or kept no session.</summary>
    Refused,

    /// <summary>The SP opened a session and a page of it names the user.</summary>
    Accepted,

    /// <summary>The SP's answers decide neither way (no error, but no page names the user): never a pass.</summary>
    Inconclusive,
}

/// <summary>Who, if anyone, the SP logged in after a Response, and the evidence that says so.</summary>
public sealed record LoginVerdict(LoginDecision Decision, string? User, string Evidence)
{
    public string Word => Decision switch
    {
        LoginDecision.NotDelivered => "not-delivered",
        _ => Decision.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// Reads a login's outcome from plain HTTP, as a person watching the browser would, with no markup contract: an
/// error status at or after the ACS, a redirect back to the IdP, or a session probe that is
/// redirected means refused; the target's session probe (<c>saml.session</c>) or, without one, the landing page
/// naming one of the expected identities means accepted as that identity; anything else is inconclusive.
/// </summary>
internal static partial class LoginJudge
{
    /// <param name="identities">Who the SP might log in, most telling first (a forged case's impersonated user before the victim).</param>
    public static async Task<LoginVerdict> JudgeAsync(SsoOutcome outcome, SamlSpec? saml, IReadOnlyList<string> identities, SsoUserAgent agent, CancellationToken cancellationToken)
    {
        if (!outcome.ResponseDelivered || outcome.AcsStatus is null)
        {
            return new LoginVerdict(LoginDecision.NotDelivered, null, outcome.Error is null ? "no Response reached the SP" : $"no Response reached the SP: {outcome.Error}");
        }
        var hops = string.Join(" → ", outcome.Hops.SkipWhile(h => h.Url != outcome.AcsUrl).Select(h => $"{h.Method} {h.Url} {h.Status}"));
        if (outcome.AcsStatus is 0 or >= 400)
        {
            return Refused($"the ACS answered {outcome.AcsStatus}{(outcome.Error is null ? "" : $" ({outcome.Error})")}", hops);
        }
        if (outcome.LeftSpFor is { } elsewhere)
        {
            return Refused($"after the ACS the SP sent the browser back to sign in, to {elsewhere}", hops);
        }
        // With a session page to ask, a missing landing page (a stale RelayState, say) does not decide: the session page does.
        if (saml?.Session?.Url is null && outcome.FinalStatus >= 400)
        {
            return Refused($"the SP's page after the ACS answered {outcome.FinalStatus}", hops);
        }
        if (saml?.Session is { } probe)
        {
            var (status, body, where) = (outcome.FinalStatus, outcome.FinalBody, outcome.FinalUrl);
            if (probe.Url is { } url)
            {
                string? location;
                (status, body, location) = await agent.PeekAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
                where = url;
                if (status is (>= 300 and < 400) or 401 or 403)
                {
                    return Refused($"the session page {url} answered {status}{(location is null ? "" : $" → {location}")}: no session", hops);
                }
            }
            var match = status is >= 200 and < 300 ? Regex.Match(body, probe.User, RegexOptions.None, TimeSpan.FromSeconds(1)) : Match.Empty;
            if (match.Success)
            {
                var user = WebUtility.HtmlDecode((match.Groups["user"].Success ? match.Groups["user"] : match.Groups[0]).Value).Trim();
                return new LoginVerdict(LoginDecision.Accepted, user, $"the session page {where} ({status}) names '{user}' ({hops})");
            }
            return new LoginVerdict(LoginDecision.Inconclusive, null, $"the session page {where} answered {status} and names no user (pattern {probe.User}) ({hops})");
        }
        if (FindIdentity(WebUtility.HtmlDecode(TagPattern().Replace(outcome.FinalBody, " ")), identities) is { } named)
        {
            return new LoginVerdict(LoginDecision.Accepted, named, $"the page after the ACS ({outcome.FinalUrl}, {outcome.FinalStatus}) names '{named}' ({hops})");
        }
        return new LoginVerdict(LoginDecision.Inconclusive, null,
            $"the SP answered without an error but the page after the ACS ({outcome.FinalUrl}, {outcome.FinalStatus}) names none of {string.Join(", ", identities.Select(i => $"'{i}'"))}; give the target a saml.session probe ({hops})");
    }

    /// <summary>The first identity the text names as a whole word (an email inside a longer one does not count).</summary>
    public static string? FindIdentity(string text, IReadOnlyList<string> identities) =>
        identities.Where(i => i.Length > 0).FirstOrDefault(identity =>
            Regex.IsMatch(text, $@"(?<![\w.@+-]){Regex.Escape(identity)}(?![\w.@+-])", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)));

    private static LoginVerdict Refused(string why, string hops) => new(LoginDecision.Refused, null, $"{why} ({hops})");

    [GeneratedRegex("<script\\b.*?</script\\s*>|<style\\b.*?</style\\s*>|<[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TagPattern();
}
