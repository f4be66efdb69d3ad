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

    /// <summary>The SP's immediate answer to the ACS POST (often a redirect to its session page); 0 when it dropped the connection.</summary>
    public int? AcsStatus { get; init; }

    /// <summary>
    /// Where the SP sent the user after the ACS when that was back to the IdP (or into another SAML exchange): the walk
    /// stops there, because an SP that asks for a login again after the Response kept no session.
    /// </summary>
    public string? LeftSpFor { get; init; }

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
        _http = new HttpClient(new CapturingHandler(sink, redactor, time, Channels.Saml) { InnerHandler = network })
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

    /// <summary>
    /// Posts a Response to the ACS as the HTTP-POST binding's auto-submitted form would, then follows the SP's
    /// redirects on its own site, each hop captured (the security suite's forged Responses).
    /// </summary>
    public Task<SsoOutcome> PostResponseAsync(Uri acsUrl, byte[] responseXml, string? relayState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acsUrl);
        ArgumentNullException.ThrowIfNull(responseXml);
        var fields = new List<KeyValuePair<string, string>> { new(BindingFields.SamlResponse, Convert.ToBase64String(responseXml)) };
        if (relayState is not null)
        {
            fields.Add(new(BindingFields.RelayState, relayState));
        }
        return WalkAsync(Post(acsUrl, fields), credentials: null, cancellationToken, new Delivered(Encoding.UTF8.GetString(responseXml), relayState, acsUrl.ToString()));
    }

    /// <summary>
    /// One GET with the browser's cookies and no redirects followed (a session probe): the status and the page.
    /// </summary>
    /// <remarks>An SP that drops or never answers gives status 0 and the reason as the body: a fault of the SP's, not ours.</remarks>
    public async Task<(int Status, string Body, string? Location)> PeekAsync(Uri url, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), response.Headers.Location?.ToString());
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (0, ex.Message, null);
        }
    }

    private sealed record Delivered(string Xml, string? RelayState, string AcsUrl);

    public void Dispose() => _http.Dispose();

    private async Task<SsoOutcome> WalkAsync(HttpRequestMessage request, (string Username, string Password)? credentials, CancellationToken cancellationToken, Delivered? delivered = null)
    {
        if (credentials is { } c)
        {
            _redactor.AddSecret(c.Password);
        }
        var hops = new List<SsoHop>();
        string? responseXml = delivered?.Xml, relayState = delivered?.RelayState, acsUrl = delivered?.AcsUrl, leftSpFor = null;
        int? acsStatus = null;
        var credentialsUsed = false;
        while (true)
        {
            var url = request.RequestUri!;
            var method = request.Method.Method;
            int status;
            string body;
            Uri? location;
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                location = response.Headers.Location;
            }
            catch (HttpRequestException ex) when (acsUrl is not null && acsStatus is null)
            {
                // An SP that drops the connection on the Response it was given has refused it.
                (status, body, location) = (0, $"<p id=\"error\">{WebUtility.HtmlEncode(ex.Message)}</p>", null);
            }
            finally
            {
                request.Dispose();
            }
            hops.Add(new SsoHop(method, url.ToString(), status));
            if (acsUrl is not null && acsStatus is null)
            {
                acsStatus = status;
            }

            HttpRequestMessage? next = null;
            if (status is >= 300 and < 400 && location is not null)
            {
                var target = new Uri(url, location);
                // Back to the IdP after the Response means the SP wants a login again. Another site of the SP's own
                // (an ACS host that hands over to the application host) is followed like any redirect.
                if (acsStatus is not null && SameSite(target, _idp))
                {
                    leftSpFor = target.ToString();
                }
                else
                {
                    next = Get(target);
                }
            }
            else if (acsStatus is not null && HtmlForms.Find(body).Any(f => f.Has(BindingFields.SamlResponse) || f.Has(BindingFields.SamlRequest)))
            {
                // After the Response was delivered, a page that starts another SAML exchange is where this login ends.
                leftSpFor = url.ToString();
            }
            else if (HtmlForms.Find(body).FirstOrDefault(f => f.Has(BindingFields.SamlResponse) || f.Has(BindingFields.SamlRequest)) is { } saml)
            {
                var action = new Uri(url, saml.Action ?? url.ToString());
                if (saml.Field(BindingFields.SamlResponse) is { } encoded && responseXml is null)
                {
                    responseXml = Encoding.UTF8.GetString(PostBinding.Decode(encoded));
                    relayState = saml.Field(BindingFields.RelayState);
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
                    Error = HtmlForms.TextById(body, "error"),
                    ResponseXml = responseXml,
                    RelayState = relayState,
                    AcsUrl = acsUrl,
                    AcsStatus = acsStatus,
                    LeftSpFor = leftSpFor,
                };
            }
            request = next;
        }
    }

    private static bool SameSite(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static HttpRequestMessage Get(Uri url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
}
