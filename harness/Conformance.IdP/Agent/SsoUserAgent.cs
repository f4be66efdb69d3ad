using System.Net;
using System.Text;
using Conformance.Core.Http;
using Conformance.Saml.Bindings;

namespace Conformance.IdP.Agent;

/// <summary>One request the user agent made and the status it got.</summary>
public sealed record SsoHop(string Method, string Url, int Status);

/// <summary>Where a walk through the SSO pages ended, and what crossed from the IdP to the SP on the way.</summary>
public sealed record SsoOutcome
{
    public required IReadOnlyList<SsoHop> Hops { get; init; }

    /// <summary>The last page: status, body and URL after every redirect and auto-submitted form.</summary>
    public required int FinalStatus { get; init; }

    public required string FinalBody { get; init; }
    public required string FinalUrl { get; init; }

    /// <summary>The text of an #error element on the last page (IdP refusals), if any.</summary>
    public string? Error { get; init; }

    /// <summary>The SAML Response posted to the SP, decoded, exactly as the IdP sent it; null when none was.</summary>
    public string? ResponseXml { get; init; }

    public string? RelayState { get; init; }

    /// <summary>Where the Response was posted.</summary>
    public string? AcsUrl { get; init; }

    /// <summary>The SP's immediate answer to the ACS POST (often a redirect to its session page).</summary>
    public int? AcsStatus { get; init; }

    public bool ResponseDelivered => ResponseXml is not null;
}

/// <summary>
/// A browser without a browser: cookies, redirects and auto-submitting SAML forms, handled one hop at
/// a time and captured through <see cref="CapturingHandler"/>, so scenarios can drive both SSO flows
/// against any SP. "IdP-initiated user workflow" → <see cref="LaunchAsync"/>; "SP-initiated user
/// workflow" → <see cref="StartAtSpAsync"/>.
/// </summary>
public sealed class SsoUserAgent : IDisposable
{
    private const int MaxHops = 25;

    private readonly HttpClient _http;
    private readonly Uri _idp;
    private readonly Redactor _redactor;

    public SsoUserAgent(Uri idpBaseUrl, IExchangeSink sink, Redactor redactor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(idpBaseUrl);
        _idp = idpBaseUrl;
        _redactor = redactor;
        var network = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = Cookies,
        };
        _http = new HttpClient(new CapturingHandler(sink, redactor, time, "saml") { InnerHandler = network })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The browser's cookie jar (IdP session and SP sessions).</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>Signs in at the IdP's login page; ends on the User Console when the credentials are right.</summary>
    public Task<SsoOutcome> LoginAsync(string username, string password, CancellationToken cancellationToken = default) =>
        WalkAsync(Get(new Uri(_idp, "/login?return=%2Fuserconsole")), (username, password), cancellationToken);

    /// <summary>Clicks the application's tile in the User Console (IdP-initiated); needs <see cref="LoginAsync"/> first.</summary>
    public Task<SsoOutcome> LaunchAsync(string appId, CancellationToken cancellationToken = default) =>
        WalkAsync(Get(new Uri(_idp, $"/userconsole/launch/{Uri.EscapeDataString(appId)}")), credentials: null, cancellationToken);

    /// <summary>
    /// Opens the SP's SSO login link, signs in at the IdP when asked, and follows the Response back to
    /// the SP: "Login redirects the user to JumpCloud where the user enters their JumpCloud credentials".
    /// </summary>
    public Task<SsoOutcome> StartAtSpAsync(Uri spLoginUrl, string username, string password, CancellationToken cancellationToken = default) =>
        WalkAsync(Get(spLoginUrl), (username, password), cancellationToken);

    /// <summary>Opens any URL and follows it like a browser would (an SP's logout link, the IdP's SLO URL).</summary>
    public Task<SsoOutcome> OpenAsync(Uri url, CancellationToken cancellationToken = default) =>
        WalkAsync(Get(url), credentials: null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<SsoOutcome> WalkAsync(HttpRequestMessage request, (string Username, string Password)? credentials, CancellationToken cancellationToken)
    {
        if (credentials is { } c)
        {
            _redactor.AddSecret(c.Password);
        }
        var hops = new List<SsoHop>();
        string? responseXml = null, relayState = null, acsUrl = null;
        int? acsStatus = null;
        var credentialsUsed = false;
        while (true)
        {
            var url = request.RequestUri!;
            var method = request.Method.Method;
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            request.Dispose();
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            hops.Add(new SsoHop(method, url.ToString(), status));
            if (acsUrl is not null && acsStatus is null)
            {
                acsStatus = status;
            }

            HttpRequestMessage? next = null;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                next = Get(new Uri(url, location));
            }
            else if (HtmlForms.Find(body).FirstOrDefault(f => f.Has(RedirectBinding.SamlResponse) || f.Has(RedirectBinding.SamlRequest)) is { } saml)
            {
                var action = new Uri(url, saml.Action ?? url.ToString());
                if (saml.Field(RedirectBinding.SamlResponse) is { } encoded && responseXml is null)
                {
                    responseXml = Encoding.UTF8.GetString(PostBinding.Decode(encoded));
                    relayState = saml.Field("RelayState");
                    acsUrl = action.ToString();
                }
                next = Post(action, saml.Fields);
            }
            else if (credentials is { } login && !credentialsUsed
                && HtmlForms.Find(body).FirstOrDefault(f => f.Has("password")) is { } form)
            {
                credentialsUsed = true;
                var fields = form.Fields
                    .Where(f => f.Key is not ("username" or "password"))
                    .Append(new("username", login.Username))
                    .Append(new("password", login.Password))
                    .ToList();
                next = Post(new Uri(url, form.Action ?? url.ToString()), fields);
            }

            if (next is null || hops.Count >= MaxHops)
            {
                next?.Dispose();
                return new SsoOutcome
                {
                    Hops = hops,
                    FinalStatus = status,
                    FinalBody = body,
                    FinalUrl = url.ToString(),
                    Error = HtmlForms.ErrorText(body),
                    ResponseXml = responseXml,
                    RelayState = relayState,
                    AcsUrl = acsUrl,
                    AcsStatus = acsStatus,
                };
            }
            request = next;
        }
    }

    private static HttpRequestMessage Get(Uri url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
}
