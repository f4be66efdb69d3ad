using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using BlueJeans.Stub.Scim;

namespace BlueJeans.Stub.Saml;

/// <summary>
/// The SAML side of the SP: its ADMIN &gt; SECURITY settings, the AuthnRequests it sent, the IDs it has
/// already accepted, and the sessions the ACS opened.
/// </summary>
internal sealed class SamlServiceProvider(TimeProvider time, DefenceSet defences, ScimStore store, StubUrls urls)
{
    private readonly Lock _gate = new();
    private readonly SamlResponseValidator _validator = new(defences);
    private readonly Dictionary<string, DateTimeOffset> _pendingRequests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private readonly List<StubSession> _sessions = [];
    private SamlSettings? _settings;

    /// <summary>"RelayState - copy this value.": generated once by the SP, pasted into the IdP's Target URL.</summary>
    public string RelayState { get; } = "bjn-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public void Configure(SamlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrWhiteSpace(settings.CertificatePem))
        {
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(settings.CertificatePem);
            }
            catch (CryptographicException e)
            {
                throw new ArgumentException($"certificatePem is not a PEM certificate: {e.Message}", nameof(settings), e);
            }
        }
        lock (_gate)
        {
            _settings = settings;
        }
    }

    public SamlAdminPage AdminPage()
    {
        lock (_gate)
        {
            return new SamlAdminPage(_settings ?? new SamlSettings { Enabled = false }, urls.EntityId, urls.AcsUrl, RelayState, urls.LoginLinkUrl) { SloUrl = urls.SloUrl };
        }
    }

    /// <summary>The SP-initiated login: where to send the browser (HTTP-Redirect binding), or null with the reason.</summary>
    public (string? Location, string? Problem) BeginLogin()
    {
        var settings = Settings();
        if (settings is not { Enabled: true } || string.IsNullOrWhiteSpace(settings.LoginUrl))
        {
            return (null, "SAML single sign-on is not configured: set the Login URL on ADMIN > SECURITY.");
        }
        var id = "_" + Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        XNamespace samlp = SamlNames.Protocol;
        XNamespace saml = SamlNames.Assertion;
        var request = new XElement(samlp + "AuthnRequest",
            new XAttribute(XNamespace.Xmlns + "samlp", SamlNames.Protocol),
            new XAttribute(XNamespace.Xmlns + "saml", SamlNames.Assertion),
            new XAttribute("ID", id),
            new XAttribute("Version", "2.0"),
            new XAttribute("IssueInstant", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("Destination", settings.LoginUrl),
            new XAttribute("AssertionConsumerServiceURL", urls.AcsUrl),
            new XAttribute("ProtocolBinding", SamlNames.HttpPost),
            new XElement(saml + "Issuer", urls.EntityId),
            new XElement(samlp + "NameIDPolicy", new XAttribute("Format", SamlNames.NameIdUnspecified), new XAttribute("AllowCreate", "true")));
        lock (_gate)
        {
            _pendingRequests[id] = now;
        }
        var separator = settings.LoginUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return ($"{settings.LoginUrl}{separator}SAMLRequest={Uri.EscapeDataString(Deflate(request.ToString(SaveOptions.DisableFormatting)))}&RelayState={Uri.EscapeDataString(RelayState)}", null);
    }

    /// <summary>Runs the ACS checks and opens a session; throws <see cref="SamlRejectedException"/> with the reason otherwise.</summary>
    public StubSession Accept(string? samlResponse, string? relayState)
    {
        var settings = Settings();
        if (settings is not { Enabled: true })
        {
            throw new SamlRejectedException("SAML single sign-on is not enabled on this BlueJeans account.");
        }
        var now = time.GetUtcNow();
        var login = _validator.Validate(samlResponse, new SamlCheckContext(settings, urls.AcsUrl, urls.EntityId, now, IsPending, WasSeen));
        var (_, refusal) = store.UserForSignIn(login.UserId, login.Email, settings.AutoProvisioning);
        if (refusal is not null)
        {
            throw new SamlRejectedException(refusal);
        }
        lock (_gate)
        {
            // Checked again under the lock: two posts of one Response may race past the validator.
            if (defences.IsOn(StubDefences.Replay) && (_seenIds.Contains(login.ResponseId) || _seenIds.Contains(login.AssertionId)))
            {
                throw new SamlRejectedException($"Replay: Response '{login.ResponseId}' was already used to sign in.");
            }
            if (login.InResponseTo is not null && !_pendingRequests.Remove(login.InResponseTo) && defences.IsOn(StubDefences.InResponseTo))
            {
                throw new SamlRejectedException($"InResponseTo '{login.InResponseTo}' was already answered.");
            }
            _seenIds.Add(login.ResponseId);
            _seenIds.Add(login.AssertionId);
            var session = new StubSession(login.UserId, login.NameId, login.Email, login.SessionIndex, now) { RelayState = relayState };
            _sessions.Add(session);
            return session;
        }
    }

    /// <summary>Single logout: ends the open sessions of <paramref name="nameId"/> (only those of the given SessionIndexes, when any); how many ended.</summary>
    public int EndSessions(string nameId, IReadOnlyCollection<string> sessionIndexes)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var ended = 0;
            for (var i = 0; i < _sessions.Count; i++)
            {
                var session = _sessions[i];
                if (session.EndedAt is null && string.Equals(session.NameId, nameId, StringComparison.Ordinal)
                    && (sessionIndexes.Count == 0 || (session.SessionIndex is not null && sessionIndexes.Contains(session.SessionIndex))))
                {
                    _sessions[i] = session with { EndedAt = now };
                    ended++;
                }
            }
            return ended;
        }
    }

    /// <summary>The user's own "Sign out": ends the session of that cookie; where the browser goes next (the Logout URL, when set).</summary>
    public string? SignOut(string? sessionId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var i = _sessions.FindIndex(s => s.EndedAt is null && string.Equals(s.Id, sessionId, StringComparison.Ordinal));
            if (i >= 0)
            {
                _sessions[i] = _sessions[i] with { EndedAt = now };
            }
        }
        return Settings()?.LogoutUrl;
    }

    public SamlSettings? CurrentSettings => Settings();

    public IReadOnlyList<StubSession> Sessions()
    {
        lock (_gate)
        {
            return [.. _sessions];
        }
    }

    public string Metadata()
    {
        XNamespace md = SamlNames.Metadata;
        return new XElement(md + "EntityDescriptor",
            new XAttribute(XNamespace.Xmlns + "md", SamlNames.Metadata),
            new XAttribute("entityID", urls.EntityId),
            new XElement(md + "SPSSODescriptor",
                new XAttribute("AuthnRequestsSigned", "false"),
                new XAttribute("WantAssertionsSigned", "true"),
                new XAttribute("protocolSupportEnumeration", SamlNames.Protocol),
                new XElement(md + "SingleLogoutService",
                    new XAttribute("Binding", SamlNames.HttpRedirect),
                    new XAttribute("Location", urls.SloUrl)),
                new XElement(md + "NameIDFormat", SamlNames.NameIdUnspecified),
                new XElement(md + "AssertionConsumerService",
                    new XAttribute("Binding", SamlNames.HttpPost),
                    new XAttribute("Location", urls.AcsUrl),
                    new XAttribute("index", "0"),
                    new XAttribute("isDefault", "true")))).ToString();
    }

    /// <summary>Forgets sessions, pending AuthnRequests and used IDs; keeps the settings.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _sessions.Clear();
            _pendingRequests.Clear();
            _seenIds.Clear();
        }
    }

    private SamlSettings? Settings()
    {
        lock (_gate)
        {
            return _settings;
        }
    }

    private bool IsPending(string id)
    {
        lock (_gate)
        {
            return _pendingRequests.ContainsKey(id);
        }
    }

    private bool WasSeen(string id)
    {
        lock (_gate)
        {
            return _seenIds.Contains(id);
        }
    }

    internal static string Deflate(string xml)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(xml));
        }
        return Convert.ToBase64String(buffer.ToArray());
    }
}
