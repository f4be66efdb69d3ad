using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Conformance.Saml.Responses;
using Conformance.Saml.Tests.Responses;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Tests.Signing;

/// <summary>
/// The builder hashes the bytes it writes instead of canonicalising a DOM: those bytes must be exactly what
/// .NET's exclusive c14n (the transform every SP library runs) makes of the same elements.
/// </summary>
public class CanonicalWriterTests
{
    private const string DsigNamespace = "http://www.w3.org/2000/09/xmldsig#";

    private static IEnumerable<TestCaseData> Specs()
    {
        yield return new TestCaseData(ResponseSamples.Spec()).SetArgDisplayNames("baseline");
        yield return new TestCaseData(ResponseSamples.Spec() with
        {
            NameId = "zoë.ångström+日本@例え.test",
            Attributes = [new AttributeClaim("displayName", "Zoë 😀 Ångström 日本語")],
        }).SetArgDisplayNames("non-ASCII");
        yield return new TestCaseData(ResponseSamples.Spec() with
        {
            InResponseTo = "_req-<&]]>\"'",
            Attributes = [new AttributeClaim("note<&]]>\"'", ["<&]]>\"'", "a]]>b & c > d"])],
        }).SetArgDisplayNames("markup characters");
        yield return new TestCaseData(ResponseSamples.Spec() with
        {
            SessionIndex = "tab\there\nline\r\nend",
            Attributes = [new AttributeClaim("address", "line 1\r\nline 2\tcol\rend")],
        }).SetArgDisplayNames("whitespace");
        yield return new TestCaseData(ResponseSamples.Spec() with { Attributes = [], InResponseTo = "_req-7" }).SetArgDisplayNames("no attributes");
    }

    [TestCaseSource(nameof(Specs))]
    public void Build_WholeResponse_IsItsOwnExclusiveCanonicalForm(ResponseSpec spec)
    {
        var xml = ResponseBuilder.Build(spec, TestKeys.App.Certificate).Xml;

        Assert.That(Canonical(SafeXml.Load(xml), "xs"), Is.EqualTo(Encoding.UTF8.GetString(xml)));
    }

    [TestCaseSource(nameof(Specs))]
    public void Build_SignedAssertion_DigestsTheBytesExclusiveC14nGivesWithoutItsSignature(ResponseSpec spec)
    {
        var text = Encoding.UTF8.GetString(ResponseBuilder.Build(spec, TestKeys.App.Certificate).Xml);
        var document = SafeXml.Load(Encoding.UTF8.GetBytes(text));
        var assertion = SafeXml.Child(document.DocumentElement!, SamlNames.Assertion, "Assertion")!;

        Assert.That(Canonical(Enveloped(assertion), "xs"), Is.EqualTo(WithoutFirstSignature(Between(text, "<saml:Assertion", "</saml:Assertion>"))));
    }

    [TestCaseSource(nameof(Specs))]
    public void Build_SignedResponse_DigestsTheBytesExclusiveC14nGivesWithoutItsSignature(ResponseSpec spec)
    {
        var text = Encoding.UTF8.GetString(ResponseBuilder.Build(spec, TestKeys.App.Certificate).Xml);

        Assert.That(Canonical(Enveloped(SafeXml.Load(Encoding.UTF8.GetBytes(text)).DocumentElement!), "xs"), Is.EqualTo(WithoutFirstSignature(text)));
    }

    [TestCaseSource(nameof(Specs))]
    public void Build_SignedInfo_IsSignedInTheFormExclusiveC14nGivesIt(ResponseSpec spec)
    {
        var text = Encoding.UTF8.GetString(ResponseBuilder.Build(spec, TestKeys.App.Certificate).Xml);
        var document = SafeXml.Load(Encoding.UTF8.GetBytes(text));
        var signedInfos = document.GetElementsByTagName("SignedInfo", DsigNamespace).Cast<XmlElement>().ToList();
        var written = text.Split("<SignedInfo>").Skip(1).Select(rest => "<SignedInfo xmlns=\"" + DsigNamespace + "\">" + rest[..(rest.IndexOf("</SignedInfo>", StringComparison.Ordinal) + "</SignedInfo>".Length)]);

        Assert.That(signedInfos.Select(s => Canonical(Detached(s), prefixes: null)), Is.EqualTo(written));
    }

    private static IEnumerable<TestCaseData> Unrepresentable()
    {
        yield return new TestCaseData("\u0001").SetArgDisplayNames("U+0001");
        yield return new TestCaseData("\uFFFF").SetArgDisplayNames("U+FFFF");
        // Built at run time: a lone surrogate does not survive as a test case attribute argument.
        yield return new TestCaseData(new string((char)0xD800, 1) + " lone surrogate").SetArgDisplayNames("lone surrogate");
    }

    [TestCaseSource(nameof(Unrepresentable))]
    public void Build_ValueXmlCannotCarry_Throws(string value)
    {
        var spec = ResponseSamples.Spec() with { Attributes = [new AttributeClaim("bad", value)] };

        Assert.That(() => ResponseBuilder.Build(spec, TestKeys.App.Certificate), Throws.ArgumentException);
    }

    private static string Canonical(XmlDocument document, string? prefixes)
    {
        var transform = prefixes is null ? new XmlDsigExcC14NTransform() : new XmlDsigExcC14NTransform(prefixes);
        transform.LoadInput(document);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var reader = new StreamReader(output, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The element alone in a document of its own (its namespaces go with it), its own Signature removed.</summary>
    private static XmlDocument Enveloped(XmlElement element)
    {
        var copy = Detached(element);
        var signature = SafeXml.Child(copy.DocumentElement!, DsigNamespace, "Signature")!;
        copy.DocumentElement!.RemoveChild(signature);
        return copy;
    }

    private static XmlDocument Detached(XmlElement element)
    {
        var copy = new XmlDocument { PreserveWhitespace = true };
        copy.AppendChild(copy.ImportNode(element, deep: true));
        foreach (var (prefix, uri) in InScope(element))
        {
            var name = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix;
            if (!copy.DocumentElement!.HasAttribute(name))
            {
                copy.DocumentElement.SetAttribute(name, uri);
            }
        }
        return copy;
    }

    private static IEnumerable<(string Prefix, string Uri)> InScope(XmlElement element)
    {
        for (XmlNode? node = element; node is XmlElement e; node = node.ParentNode)
        {
            foreach (XmlAttribute attribute in e.Attributes)
            {
                if (attribute.NamespaceURI == "http://www.w3.org/2000/xmlns/")
                {
                    yield return (attribute.Prefix == "xmlns" ? attribute.LocalName : "", attribute.Value);
                }
            }
        }
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        return text[from..(text.IndexOf(end, from, StringComparison.Ordinal) + end.Length)];
    }

    private static string WithoutFirstSignature(string text)
    {
        var from = text.IndexOf("<Signature ", StringComparison.Ordinal);
        return text.Remove(from, Between(text, "<Signature ", "</Signature>").Length);
    }
}
