using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Attacks;

/// <summary>
/// Cryptographically valid signatures that SAML forbids or discourages (SHA-1, an empty Reference URI).
/// The library's XmlSigner deliberately makes only the conformant kind, so the variants live here.
/// </summary>
internal static class VariantSigner
{
    public static void Sign(XmlElement element, X509Certificate2 certificate, string referenceUri, string signatureMethod, string digestMethod)
    {
        using var key = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");
        var signed = new SignedXml(element.OwnerDocument) { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = signatureMethod;
        var reference = new Reference(referenceUri) { DigestMethod = digestMethod };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform("xs"));
        signed.AddReference(reference);
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.ComputeSignature();
        element.InsertAfter(element.OwnerDocument.ImportNode(signed.GetXml(), deep: true), SafeXml.Child(element, SamlNames.Assertion, "Issuer"));
    }
}
