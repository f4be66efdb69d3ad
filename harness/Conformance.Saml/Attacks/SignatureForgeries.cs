using System.Security.Cryptography.Xml;
using Conformance.Saml.Responses;
using static Conformance.Saml.Attacks.ResponseForgery;

namespace Conformance.Saml.Attacks;

/// <summary>Cases where the signature itself is missing, foreign, broken, or not the kind SAML allows.</summary>
internal static class SignatureForgeries
{
    public static Forgery SignatureExclusion(AttackContext context)
    {
        var document = Signed(context.Victim, context.IdpCertificate);
        RemoveSignatures(document.DocumentElement!);
        return Victim(context, document) with { CertificatePem = null };
    }

    public static Forgery OnlySigned(AttackContext context, SignedParts signing) =>
        Victim(context, Signed(context.Victim with { Signing = signing }, context.IdpCertificate));

    /// <summary>Valid in itself, with the attacker's certificate in KeyInfo for an SP that takes the key from the message.</summary>
    public static Forgery ForeignKey(AttackContext context) =>
        Victim(context, Signed(context.Victim, context.AttackerCertificate)) with { CertificatePem = Pem(context.AttackerCertificate) };

    /// <summary>Signed, then the NameID changed: every digest over it no longer matches.</summary>
    public static Forgery DigestMismatch(AttackContext context)
    {
        var document = Signed(context.Victim, context.IdpCertificate);
        SetNameId(Assertion(document.DocumentElement!), context.AttackerNameId);
        return Victim(context, document) with { ImpersonatedNameId = context.AttackerNameId };
    }

    /// <summary>
    /// The Response signed with Reference URI="" (the whole document) instead of its ID (core 5.4.2).
    /// Only the Response: an inner URI="" signature would also cover the outer one and never verify.
    /// </summary>
    public static Forgery EmptyReferenceUri(AttackContext context)
    {
        var document = Signed(context.Victim with { Signing = SignedParts.None }, context.IdpCertificate);
        VariantSigner.Sign(document.DocumentElement!, context.IdpCertificate, "", SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigSHA256Url);
        return Victim(context, document);
    }

    /// <summary>The baseline's signatures made again with RSA-SHA1 and a SHA-1 digest.</summary>
    public static Forgery Sha1(AttackContext context)
    {
        var document = Signed(context.Victim with { Signing = SignedParts.None }, context.IdpCertificate);
        var response = document.DocumentElement!;
        if (context.Victim.Signing.HasFlag(SignedParts.Assertion))
        {
            var assertion = Assertion(response);
            VariantSigner.Sign(assertion, context.IdpCertificate, "#" + assertion.GetAttribute("ID"), SignedXml.XmlDsigRSASHA1Url, SignedXml.XmlDsigSHA1Url);
        }
        if (context.Victim.Signing.HasFlag(SignedParts.Response))
        {
            VariantSigner.Sign(response, context.IdpCertificate, "#" + response.GetAttribute("ID"), SignedXml.XmlDsigRSASHA1Url, SignedXml.XmlDsigSHA1Url);
        }
        return Victim(context, document);
    }
}
