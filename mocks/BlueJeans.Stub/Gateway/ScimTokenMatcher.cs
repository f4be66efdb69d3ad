using BlueJeans.Stub.Http;
using BlueJeans.Stub.Scim;
using WireMock;
using WireMock.Matchers;
using WireMock.Matchers.Request;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BlueJeans.Stub.Gateway;

/// <summary>
/// Matches a SCIM request whose bearer token is not the current one (none, another, or one replaced by GENERATE TOKEN).
/// Its mapping answers 401 above every SCIM mapping, static ones included, so no SCIM answer is given without the token.
/// </summary>
internal sealed class ScimTokenMatcher(ScimToken token) : IRequestMatcher
{
    /// <summary>Below the injected faults (which come first, as a network fault would), above every SCIM mapping.</summary>
    public const int Priority = 1;

    public static void Register(WireMockServer server, ScimToken token) =>
        server
            .Given(Request.Create().WithPath(new RegexMatcher($"^{StubPaths.Base}(/.*)?$")).Add(new ScimTokenMatcher(token)))
            .AtPriority(Priority)
            .RespondWith(Response.Create()
                .WithStatusCode(401)
                .WithHeader("WWW-Authenticate", "Bearer")
                .WithHeader("Content-Type", StubResponses.ScimContentType)
                .WithBody(ScimErrors.Body(401, null, "A valid bearer token is required. Generate one on the BlueJeans admin console (GENERATE TOKEN).").ToJsonString()));

    public double GetMatchingScore(IRequestMessage requestMessage, IRequestMatchResult requestMatchResult)
    {
        ArgumentNullException.ThrowIfNull(requestMessage);
        ArgumentNullException.ThrowIfNull(requestMatchResult);
        var authorization = requestMessage.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return requestMatchResult.AddScore(GetType(), MatchScores.ToScore(!token.Accepts(authorization)), null);
    }
}
