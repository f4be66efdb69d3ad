using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conformance.Saml.Signing;

/// <summary>
/// An application's IdP signing key: RSA-2048 in a self-signed X.509 certificate, as JumpCloud
/// issues one per SSO application ("Actions > Download Certificate" gives its certificate.pem).
/// </summary>
public sealed class SigningCertificate : IDisposable
{
    private SigningCertificate(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The certificate with its private key; never export the key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate.pem an administrator downloads (public part only).</summary>
    public string Pem => Certificate.ExportCertificatePem() + "\n";

    public static SigningCertificate Create(string commonName, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        using var rsa = RsaKeyPool.Take();
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={Escape(commonName)}, O=JumpCloud mock IdP"),
            rsa,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Back-dated a day so that an SP whose clock is slightly behind still sees a valid certificate.
        return new SigningCertificate(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5)));
    }

    /// <summary>An IdP identity kept outside the run (a target's idp: key and certificate), with its private key.</summary>
    public static SigningCertificate FromPem(string certificatePem, string privateKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePem);
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPem);
        var certificate = X509Certificate2.CreateFromPem(certificatePem, privateKeyPem);
        return certificate.GetRSAPrivateKey() is null
            ? throw new CryptographicException("the IdP signing key is not an RSA key that matches the certificate")
            : new SigningCertificate(certificate);
    }

    /// <summary>The private key as PKCS#8 PEM, only to keep a generated IdP identity on disk for the next run.</summary>
    public string PrivateKeyPem()
    {
        using var rsa = Certificate.GetRSAPrivateKey() ?? throw new CryptographicException("the certificate has no private key");
        return rsa.ExportPkcs8PrivateKeyPem() + "\n";
    }

    /// <summary>Reads a PEM certificate (certificate.pem, SP metadata) for verification only.</summary>
    public static X509Certificate2 LoadPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        return X509Certificate2.CreateFromPem(pem);
    }

    /// <summary>PEM from the base64 body of a ds:X509Certificate element.</summary>
    public static string PemFromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var der = Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c))));
        return new string(PemEncoding.Write("CERTIFICATE", der)) + "\n";
    }

    public void Dispose() => Certificate.Dispose();

    private static string Escape(string value) => value.Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
