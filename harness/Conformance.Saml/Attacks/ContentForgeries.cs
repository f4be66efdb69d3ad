using Conformance.Saml.Responses;
using Conformance.Saml.Xml;
using static Conformance.Saml.Attacks.ResponseForgery;

namespace Conformance.Saml.Attacks;

/// <summary>Cases the IdP's key vouches for, yet the Response is not for this SP, not for now, or not new.</summary>
internal static class ContentForgeries
{
    public const string OtherSpAcs = "https://other-sp.example/saml/acs";
    public const string OtherSpEntityId = "https://other-sp.example/saml/metadata";
    public const string OtherIdpEntityId = "https://other-idp.example/saml2/app";
    public const string CommentSuffix = ".evil.example";

    /// <summary>Shifts one validity window (Conditions, or the bearer SubjectConfirmationData) beyond the skew.</summary>
    public static Forgery Window(AttackContext context, string element, bool expired)
    {
        var issued = context.Victim.IssueInstant;
        var lifetime = context.Victim.Lifetime;
        var document = SignedAfter(context, response =>
        {
            var window = Descendant(response, SamlNames.Assertion, element);
            if (expired)
            {
                window.SetAttribute("NotOnOrAfter", SafeXml.FormatTime(issued - context.ClockSkew));
                if (window.HasAttribute("NotBefore"))
                {
                    window.SetAttribute("NotBefore", SafeXml.FormatTime(issued - context.ClockSkew - lifetime));
                }
            }
            else
            {
                window.SetAttribute("NotBefore", SafeXml.FormatTime(issued + context.ClockSkew));
                window.SetAttribute("NotOnOrAfter", SafeXml.FormatTime(issued + context.ClockSkew + lifetime));
            }
        });
        return Victim(context, document);
    }

    public static Forgery Changed(AttackContext context, string ns, string element, string? attribute, string value) =>
        Victim(context, SignedAfter(context, response =>
        {
            var target = response.LocalName == element && response.NamespaceURI == ns ? response : Descendant(response, ns, element);
            if (attribute is null)
            {
                target.InnerText = value;
            }
            else
            {
                target.SetAttribute(attribute, value);
            }
        }));

    public static Forgery Spec(AttackContext context, Func<ResponseSpec, ResponseSpec> change) =>
        Victim(context, Signed(change(context.Victim), context.IdpCertificate));

    /// <summary>The IdP signs the attacker's real account "victim.evil.example"; a comment is slipped in after signing.</summary>
    public static Forgery CommentInjection(AttackContext context)
    {
        var document = Signed(context.Victim with { NameId = context.Victim.NameId + CommentSuffix }, context.IdpCertificate);
        var nameId = Descendant(document.DocumentElement!, SamlNames.Assertion, "NameID");
        nameId.InnerText = context.Victim.NameId;
        // Exclusive C14N without comments drops it: the digest is still that of the signed value.
        nameId.AppendChild(document.CreateComment(""));
        nameId.AppendChild(document.CreateTextNode(CommentSuffix));
        return Victim(context, document);
    }

    public static Forgery Replay(AttackContext context) =>
        Victim(context, Signed(context.Victim, context.IdpCertificate)) with { Sends = 2 };
}
