using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Conformance.Results;
using Conformance.Saml.Metadata;
using Conformance.Saml.Signing;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Harness;

/// <summary>
/// The one IdP an SP as deployed was configured with: a fixed address and one signing key for every scenario of
/// a run and across runs, so the SP loads the IdP metadata once (<c>./run.sh idp metadata</c>) and never needs a
/// control API to learn a new certificate. Only scenarios about another key (the security suite's attacker) use one.
/// </summary>
public sealed class IdpIdentity : IDisposable
{
    /// <summary>Where a generated identity is kept between runs (git-ignored), under the working directory.</summary>
    public const string StateFolder = ".conformance/idp";

    private IdpIdentity(Uri baseUrl, SigningCertificate signing, string app, string? keptIn)
    {
        BaseUrl = baseUrl;
        Signing = signing;
        App = app;
        KeptIn = keptIn;
    }

    /// <summary>The IdP's address: every URL in its metadata starts with it.</summary>
    public Uri BaseUrl { get; }

    public SigningCertificate Signing { get; }

    /// <summary>The IdP URL suffix of the application the SP trusts.</summary>
    public string App { get; }

    /// <summary>The folder holding a generated key, or null when the target gave the key.</summary>
    public string? KeptIn { get; }

    public string EntityId => $"{BaseUrl.GetLeftPart(UriPartial.Authority)}/saml2/{App}";

    /// <summary>The metadata an SP loads once: entity ID, SSO for both bindings, SLO, the signing certificate.</summary>
    public string MetadataXml() => new IdpMetadata(EntityId, EntityId, $"{EntityId}/slo", Signing.Certificate).ToXml();

    /// <summary>
    /// The target's identity: its <c>idp:</c> key and address, or a key generated on first use and kept in
    /// <see cref="StateFolder"/> (one per target name) with a free port for this run.
    /// </summary>
    public static IdpIdentity Resolve(TargetFile target, string workingDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(target);
        var spec = target.Idp ?? new IdpSpec();
        var baseUrl = BaseUrlOf(spec);
        if (spec.SigningKey is not null || spec.SigningCertificate is not null)
        {
            if (spec.SigningKey is null || spec.SigningCertificate is null)
            {
                throw Bad("idp: give both signingKey and signingCertificate, or neither (a key is then generated once and kept)");
            }
            try
            {
                return new IdpIdentity(baseUrl, SigningCertificate.FromPem(Pem(spec.SigningCertificate, "signingCertificate"), Pem(spec.SigningKey, "signingKey")), spec.App, keptIn: null);
            }
            catch (CryptographicException ex)
            {
                throw Bad($"idp: the signing key and certificate cannot be used: {ex.Message}");
            }
        }
        var folder = Path.Combine(workingDirectory, StateFolder, Slug(target.Name));
        return new IdpIdentity(baseUrl, Kept(folder, time), spec.App, folder);
    }

    public void Dispose() => Signing.Dispose();

    private static Uri BaseUrlOf(IdpSpec spec)
    {
        if (spec.BaseUrl is null)
        {
            return new Uri($"http://127.0.0.1:{FreePort()}");
        }
        if (!Uri.TryCreate(spec.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/")
        {
            throw Bad($"idp.baseUrl '{spec.BaseUrl}' is not an http(s) URL without a path, e.g. http://127.0.0.1:7001");
        }
        return url;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A PEM given inline (from ${ENV}) or the path of a PEM file.</summary>
    private static string Pem(string value, string field)
    {
        if (value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return value;
        }
        try
        {
            return File.ReadAllText(value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Bad($"idp.{field}: cannot read '{value}' ({ex.Message}); give a PEM file path or ${{ENV}} holding the PEM");
        }
    }

    private static SigningCertificate Kept(string folder, TimeProvider time)
    {
        var key = Path.Combine(folder, "signing-key.pem");
        var certificate = Path.Combine(folder, "signing-certificate.pem");
        if (!Directory.Exists(folder))
        {
            // Both files are written in a folder of their own and moved into place at once: two runs starting together
            // must never pair one's key with the other's certificate. The first move wins; the other run reads it.
            var staging = Directory.CreateDirectory($"{folder}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp").FullName;
            using (var created = SigningCertificate.Create("JumpCloud mock IdP", time.GetUtcNow()))
            {
                Write(Path.Combine(staging, "signing-key.pem"), created.PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Write(Path.Combine(staging, "signing-certificate.pem"), created.Pem, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        return SigningCertificate.FromPem(File.ReadAllText(certificate), File.ReadAllText(key));
    }

    private static void Write(string path, string text, UnixFileMode mode)
    {
        File.WriteAllText(path, text, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return slug.Length == 0 ? "target" : slug;
    }

    private static InputException Bad(string message) => new(new SourceLocation("target file", 1, 1), message);
}
