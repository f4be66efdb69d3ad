using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conformance.Saml.Signing;

/// <summary>
/// The ds:Signature strict SAML SPs expect on a Response or Assertion (RSA-SHA256, SHA-256 digest, enveloped +
/// exclusive c14n with "xs" inclusive, the X.509 certificate in KeyInfo), written in canonical form by
/// <see cref="CanonicalWriter"/>. The caller supplies the digest of the signed element's canonical bytes.
/// </summary>
internal static class EnvelopedSignature
{
    private const int Sha256Length = 32;

    // SignedInfo as exc-c14n renders it on its own: it declares the default namespace it inherits in the document.
    private static readonly byte[] CanonicalSignedInfoStart = "<SignedInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\">"u8.ToArray();

    /// <summary>The SHA-256 of an element's canonical bytes, written in <paramref name="parts"/> around its empty signature slot.</summary>
    public static byte[] Digest(CanonicalWriter writer, params ReadOnlySpan<(int Start, int End)> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (start, end) in parts)
        {
            hash.AppendData(writer.Span(start, end));
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Appends the Signature element that signs the element with <paramref name="id"/> and <paramref name="digest"/>.</summary>
    public static void Write(CanonicalWriter writer, string id, byte[] digest, RSA key, X509Certificate2 certificate)
    {
        writer.Raw("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>"u8);
        var signedInfo = writer.Position;
        writer.Raw("<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"></CanonicalizationMethod>"u8);
        writer.Raw("<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"></SignatureMethod>"u8);
        writer.Raw("<Reference"u8);
        writer.Attribute("URI"u8, "#" + id);
        writer.Raw("><Transforms><Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"></Transform>"u8);
        // "xs" appears only inside xsi:type values, which exc-c14n does not count as a use of the prefix.
        writer.Raw("<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"><InclusiveNamespaces xmlns=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"xs\"></InclusiveNamespaces></Transform></Transforms>"u8);
        writer.Raw("<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"></DigestMethod><DigestValue>"u8);
        Base64Of(writer, digest);
        writer.Raw("</DigestValue></Reference></SignedInfo>"u8);

        Span<byte> signedInfoHash = stackalloc byte[Sha256Length];
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            hash.AppendData(CanonicalSignedInfoStart);
            hash.AppendData(writer.Span(signedInfo, writer.Position));
            hash.GetHashAndReset(signedInfoHash);
        }
        writer.Raw("<SignatureValue>"u8);
        Base64Of(writer, key.SignHash(signedInfoHash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        writer.Raw("</SignatureValue><KeyInfo><X509Data><X509Certificate>"u8);
        Base64Of(writer, certificate.RawDataMemory.Span);
        writer.Raw("</X509Certificate></X509Data></KeyInfo></Signature>"u8);
    }

    private static void Base64Of(CanonicalWriter writer, ReadOnlySpan<byte> data)
    {
        var encoded = new byte[Base64.GetMaxEncodedToUtf8Length(data.Length)];
        Base64.EncodeToUtf8(data, encoded, out _, out var written);
        writer.Raw(encoded.AsSpan(0, written));
    }
}
