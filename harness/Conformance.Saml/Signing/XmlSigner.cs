using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Signing;

/// <summary>Enveloped XML signatures the way strict SAML SPs expect them.</summary>
internal static class XmlSigner
{
    /// <summary>
    /// Signs <paramref name="element"/> (which has an ID and a saml:Issuer first child) and puts the
    /// signature right after that Issuer, where the schema wants it.
    /// </summary>
    public static void Sign(XmlElement element, X509Certificate2 certificate)
    {
        var id = element.GetAttribute("ID");
        var issuer = SafeXml.Child(element, SamlNames.Assertion, "Issuer")
            ?? throw new InvalidOperationException($"{element.LocalName} has no saml:Issuer to place the signature after.");
        using var key = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");

        var signed = new SignedXml(element.OwnerDocument) { SigningKey = key };
        // SignedXml defaults to inclusive C14N, which SAML SPs reject or digest differently.
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;

        var reference = new Reference("#" + id) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        // "xs" appears only inside xsi:type values, which exc-c14n does not count as a use of the prefix.
        reference.AddTransform(new XmlDsigExcC14NTransform("xs"));
        signed.AddReference(reference);

        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.KeyInfo = keyInfo;

        signed.ComputeSignature();
        var signature = element.OwnerDocument.ImportNode(signed.GetXml(), deep: true);
        element.InsertAfter(signature, issuer);
    }

    /// <summary>RSA-SHA256 over the HTTP-Redirect binding's signed octets (bindings 3.4.4.1).</summary>
    public static byte[] SignOctets(byte[] octets, X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");
        return key.SignData(octets, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
