using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Conformance.Saml.Responses;
using Conformance.Saml.Signing;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Attacks;

/// <summary>The building blocks every forger uses: a valid Response from ResponseBuilder, parsed without DTDs.</summary>
internal static class ResponseForgery
{
    /// <summary>The valid signed baseline, as a DOM to change after signing.</summary>
    public static XmlDocument Signed(ResponseSpec spec, X509Certificate2 certificate) =>
        SafeXml.Load(ResponseBuilder.Build(spec, certificate).Xml);

    /// <summary>
    /// The baseline with <paramref name="change"/> made before signing, signed the way ResponseBuilder
    /// signs: for cases where the IdP itself vouches for the wrong value (times, audience, recipient…).
    /// </summary>
    public static XmlDocument SignedAfter(AttackContext context, Action<XmlElement> change)
    {
        var document = SafeXml.Load(ResponseBuilder.Build(context.Victim with { Signing = SignedParts.None }, context.IdpCertificate).Xml);
        change(document.DocumentElement!);
        if (context.Victim.Signing.HasFlag(SignedParts.Assertion))
        {
            XmlSigner.Sign(Assertion(document.DocumentElement!), context.IdpCertificate);
        }
        if (context.Victim.Signing.HasFlag(SignedParts.Response))
        {
            XmlSigner.Sign(document.DocumentElement!, context.IdpCertificate);
        }
        return document;
    }

    public static Forgery Victim(AttackContext context, XmlDocument document) =>
        new(Bytes(document), context.Victim.NameId, Pem(context.IdpCertificate));

    public static byte[] Bytes(XmlDocument document) => Encoding.UTF8.GetBytes(document.OuterXml);

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    public static XmlElement Assertion(XmlElement response) =>
        SafeXml.Child(response, SamlNames.Assertion, "Assertion") ?? throw new InvalidOperationException("The baseline Response has no Assertion.");

    public static XmlElement Descendant(XmlElement element, string ns, string localName) =>
        element.GetElementsByTagName(localName, ns).OfType<XmlElement>().FirstOrDefault()
        ?? throw new InvalidOperationException($"The baseline has no {localName} under {element.LocalName}.");

    public static void SetNameId(XmlElement assertion, string nameId) =>
        Descendant(assertion, SamlNames.Assertion, "NameID").InnerText = nameId;

    public static XmlElement? Signature(XmlElement element) => SafeXml.Child(element, SamlNames.XmlDsig, "Signature");

    public static void RemoveSignatures(XmlElement element)
    {
        foreach (var signature in element.GetElementsByTagName("Signature", SamlNames.XmlDsig).OfType<XmlElement>().ToList())
        {
            signature.ParentNode!.RemoveChild(signature);
        }
    }

    /// <summary>A samlp:StatusMessage after the StatusCode (schema order), the one free-text slot of a Response.</summary>
    public static XmlElement AddStatusMessage(XmlElement response, string text)
    {
        var status = SafeXml.Child(response, SamlNames.Protocol, "Status")!;
        var message = response.OwnerDocument.CreateElement(response.Prefix, "StatusMessage", SamlNames.Protocol);
        message.InnerText = text;
        status.InsertAfter(message, SafeXml.Child(status, SamlNames.Protocol, "StatusCode"));
        return message;
    }
}
