using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Conformance.Saml.Attacks;
using Conformance.Saml.Tests.Responses;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Tests.Attacks;

/// <summary>The one attack context every forgery test starts from: the ResponseSamples victim, the two test keys.</summary>
internal static class AttackSamples
{
    public const string Attacker = "admin@example.test";
    public static readonly Uri Listener = new("http://127.0.0.1:9/xxe/case-1");

    public static string Victim => ResponseSamples.Spec().NameId;

    public static AttackContext Context() => new()
    {
        Victim = ResponseSamples.Spec(),
        IdpCertificate = TestKeys.App.Certificate,
        AttackerCertificate = TestKeys.Other.Certificate,
        AttackerNameId = Attacker,
        ListenerUrl = Listener,
    };

    public static ForgedResponse Forge(string attackId) => AttackCatalog.Forge(attackId, Context());

    public static XmlDocument Load(ForgedResponse forged) => SafeXml.Load(forged.Xml);

    public static XmlElement Element(XmlDocument document, string xpath) =>
        document.SelectSingleNode(xpath, Ns(document)) as XmlElement ?? throw new AssertionException($"Nothing at {xpath}.");

    public static string? Value(XmlNode context, string xpath) =>
        context.SelectSingleNode(xpath, Ns(context.OwnerDocument ?? (XmlDocument)context))?.InnerText;

    /// <summary>The NameID an SP reading this Response or Assertion would take.</summary>
    public static string? NameId(XmlElement element) =>
        Value(element, "saml:Subject/saml:NameID | saml:Assertion/saml:Subject/saml:NameID");

    public static XmlNamespaceManager Ns(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("samlp", SamlNames.Protocol);
        ns.AddNamespace("saml", SamlNames.Assertion);
        ns.AddNamespace("ds", SamlNames.XmlDsig);
        return ns;
    }

    /// <summary>
    /// Whether <paramref name="signature"/> verifies with <paramref name="certificate"/> when its reference
    /// is resolved to <paramref name="target"/>: what a wrapping-vulnerable SP checks.
    /// </summary>
    public static bool SignatureCovers(XmlElement signature, XmlElement target, X509Certificate2 certificate)
    {
        // XSW1 and XSW6 hide the original inside ds:Signature, which .NET's schema-strict LoadXml refuses
        // (lax verifiers do not): read a copy without it. The copy is detached, which is harmless only
        // because such a signature does not envelope its target.
        if (signature.ChildNodes.OfType<XmlElement>().Any(e => e.NamespaceURI != SamlNames.XmlDsig))
        {
            signature = (XmlElement)signature.CloneNode(deep: true);
            foreach (var element in signature.ChildNodes.OfType<XmlElement>().Where(e => e.NamespaceURI != SamlNames.XmlDsig).ToList())
            {
                signature.RemoveChild(element);
            }
        }
        var signed = new PinnedSignedXml(target);
        signed.LoadXml(signature);
        using var key = certificate.GetRSAPublicKey()!;
        return signed.CheckSignature(key);
    }

    private sealed class PinnedSignedXml(XmlElement target) : SignedXml(target.OwnerDocument)
    {
        public override XmlElement? GetIdElement(XmlDocument? document, string idValue) => target;
    }
}
