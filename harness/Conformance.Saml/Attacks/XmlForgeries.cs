using System.Text;
using static Conformance.Saml.Attacks.ResponseForgery;

namespace Conformance.Saml.Attacks;

/// <summary>
/// Parser attacks. The DTD cases are built as text around a valid signed Response: no parser here ever
/// reads a DTD, and the signed content is what a DTD-processing SP would see.
/// </summary>
internal static class XmlForgeries
{
    /// <summary>Ten copies per level, five levels: a 1:100,000 amplification that proves expansion without felling the SP.</summary>
    public const int ExpansionLevels = 5;

    public const string Laugh = "lol";

    /// <summary>Over the 1 MiB an SP should cap a posted Response at (this library's own SafeXml cap).</summary>
    public const int OversizedPadding = (1 << 20) + 1;

    /// <summary>An external parameter entity: a parser that processes the DTD fetches it before any signature is checked.</summary>
    public static Forgery ExternalEntity(AttackContext context)
    {
        var listener = context.ListenerUrl ?? throw new ArgumentException("The xxe-external-entity case needs AttackContext.ListenerUrl.", nameof(context));
        var document = Signed(context.Victim, context.IdpCertificate);
        var doctype = $"<!DOCTYPE {document.DocumentElement!.Name} [<!ENTITY % xxe SYSTEM \"{listener.AbsoluteUri}\"> %xxe;]>";
        return Victim(context, document) with { Xml = Prepend(doctype, document.OuterXml) };
    }

    /// <summary>
    /// A StatusMessage signed with the expanded text, sent as a reference to the nested entity: the
    /// signature verifies only for an SP that expands it.
    /// </summary>
    public static Forgery EntityExpansion(AttackContext context)
    {
        var expanded = string.Concat(Enumerable.Repeat(Laugh, (int)Math.Pow(10, ExpansionLevels)));
        var document = SignedAfter(context, response => AddStatusMessage(response, expanded));
        var doctype = new StringBuilder($"<!DOCTYPE {document.DocumentElement!.Name} [<!ENTITY lol0 \"{Laugh}\">");
        for (var level = 1; level <= ExpansionLevels; level++)
        {
            doctype.Append($"<!ENTITY lol{level} \"").Append(string.Concat(Enumerable.Repeat($"&lol{level - 1};", 10))).Append("\">");
        }
        doctype.Append("]>");
        var body = document.OuterXml.Replace(">" + expanded + "<", $">&lol{ExpansionLevels};<", StringComparison.Ordinal);
        return Victim(context, document) with { Xml = Prepend(doctype.ToString(), body) };
    }

    /// <summary>Padded past 1 MiB in a StatusMessage, then signed, so only the size is wrong.</summary>
    public static Forgery Oversized(AttackContext context) =>
        Victim(context, SignedAfter(context, response => AddStatusMessage(response, new string('A', OversizedPadding))));

    private static byte[] Prepend(string doctype, string xml) => Encoding.UTF8.GetBytes(doctype + xml);
}
