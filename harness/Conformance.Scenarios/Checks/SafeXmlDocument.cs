using System.Xml;

namespace Conformance.Scenarios.Checks;

/// <summary>Reads a SAML message an SP or the IdP produced as data only: DTDs prohibited, nothing resolved, whitespace kept.</summary>
internal static class SafeXmlDocument
{
    public static XmlDocument Load(Stream xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }

    public static XmlDocument Load(string xml) => Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)));
}
