using Conformance.Core.Applications;
using Conformance.Saml.Signing;

namespace Conformance.IdP.Sso;

/// <summary>
/// The SSO tab and signing certificate of each application. A certificate lives as long as its
/// application: deleting and recreating an application gives it a new one.
/// </summary>
internal sealed class SsoRegistry : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SsoSettings> _settings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SigningCertificate> _certificates = new(StringComparer.Ordinal);
    private readonly ApplicationCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly SigningCertificate? _shared;

    /// <param name="shared">One key for every application (not disposed here); null: one per application.</param>
    public SsoRegistry(ApplicationCatalog catalog, TimeProvider time, SigningCertificate? shared = null)
    {
        _catalog = catalog;
        _time = time;
        _shared = shared;
        _catalog.Changed += OnCatalogChanged;
    }

    public SsoSettings? Find(string appId)
    {
        lock (_gate)
        {
            return _settings.GetValueOrDefault(appId);
        }
    }

    public SsoSettings Set(Application app, SsoSettings settings)
    {
        Validate(settings);
        lock (_gate)
        {
            _settings[app.Id] = settings;
        }
        return settings;
    }

    public SsoSettings Update(Application app, Func<SsoSettings, SsoSettings> edit)
    {
        lock (_gate)
        {
            var before = _settings.GetValueOrDefault(app.Id)
                ?? throw new ApplicationRefusedException($"SSO of '{app.DisplayLabel}' is not configured yet.");
            var after = edit(before);
            Validate(after);
            _settings[app.Id] = after;
            return after;
        }
    }

    public SigningCertificate Certificate(Application app)
    {
        lock (_gate)
        {
            if (_shared is not null && !_certificates.ContainsKey(app.Id))
            {
                return _shared;
            }
            if (!_certificates.TryGetValue(app.Id, out var certificate))
            {
                certificate = SigningCertificate.Create($"JumpCloud {app.SsoSuffix}", _time.GetUtcNow());
                _certificates.Add(app.Id, certificate);
            }
            return certificate;
        }
    }

    /// <summary>
    /// A new certificate for the application from now on (certificate rotation); an SP that was given the old one
    /// must refuse what the new key signs until it is given certificate.pem again.
    /// </summary>
    public SigningCertificate Replace(Application app)
    {
        var replacement = SigningCertificate.Create($"JumpCloud {app.SsoSuffix} (replaced)", _time.GetUtcNow());
        lock (_gate)
        {
            if (_certificates.Remove(app.Id, out var old))
            {
                old.Dispose();
            }
            _certificates.Add(app.Id, replacement);
        }
        return replacement;
    }

    public void Dispose()
    {
        _catalog.Changed -= OnCatalogChanged;
        lock (_gate)
        {
            foreach (var certificate in _certificates.Values)
            {
                certificate.Dispose();
            }
            _certificates.Clear();
        }
    }

    private void OnCatalogChanged(ApplicationChange change)
    {
        if (change is not ApplicationChange.Deleted deleted)
        {
            return;
        }
        lock (_gate)
        {
            _settings.Remove(deleted.App.Id);
            if (_certificates.Remove(deleted.App.Id, out var certificate))
            {
                certificate.Dispose();
            }
        }
    }

    private static void Validate(SsoSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.SpEntityId))
        {
            throw new ApplicationRefusedException("The SP Entity ID is required.");
        }
        if (!IsHttpUrl(settings.AcsUrl))
        {
            throw new ApplicationRefusedException($"The ACS URL must be an absolute http(s) URL, not '{settings.AcsUrl}'.");
        }
        if (settings.SloUrl is not null && !IsHttpUrl(settings.SloUrl))
        {
            throw new ApplicationRefusedException($"The SLO URL must be an absolute http(s) URL, not '{settings.SloUrl}'.");
        }
        if (string.IsNullOrWhiteSpace(settings.NameIdSource) || settings.Attributes.Any(a => string.IsNullOrWhiteSpace(a.Name) || string.IsNullOrWhiteSpace(a.UserProperty)))
        {
            throw new ApplicationRefusedException("The NameID source and every attribute need a user property.");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
