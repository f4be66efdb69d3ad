using System.Net;
using System.Text;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Bindings;

/// <summary>SAML HTTP-POST binding (bindings 3.5): base64 in a form field, delivered by an auto-submitting page.</summary>
public static class PostBinding
{
    /// <summary>Base64-decodes a SAMLRequest or SAMLResponse form field (line breaks tolerated).</summary>
    public static byte[] Decode(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var compact = string.Concat(base64.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length > SafeXml.MaxCharacters * 2)
        {
            throw new SamlMessageException("The posted message is too large.");
        }
        return RedirectBinding.FromBase64(compact, "The posted message");
    }

    /// <summary>
    /// The page that carries a message to <paramref name="action"/>: it submits itself when scripts
    /// run and shows a button when they do not (bindings 3.5.4).
    /// </summary>
    public static string AutoSubmitPage(string action, string parameter, byte[] xml, string? relayState)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signing in</title></head><body>\n");
        html.Append("<form id=\"saml-post\" method=\"post\" action=\"").Append(WebUtility.HtmlEncode(action)).Append("\">\n");
        html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(parameter)).Append("\" value=\"")
            .Append(Convert.ToBase64String(xml)).Append("\">\n");
        if (relayState is not null)
        {
            html.Append("<input type=\"hidden\" name=\"RelayState\" value=\"").Append(WebUtility.HtmlEncode(relayState)).Append("\">\n");
        }
        html.Append("<noscript><p>Scripts are off: continue by hand.</p><button id=\"continue\" type=\"submit\">Continue</button></noscript>\n");
        html.Append("</form>\n<script>document.getElementById('saml-post').submit();</script>\n</body></html>\n");
        return html.ToString();
    }
}
