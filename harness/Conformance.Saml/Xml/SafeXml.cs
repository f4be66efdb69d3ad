using System.Globalization;
using System.Xml;

namespace Conformance.Saml.Xml;

/// <summary>
/// The only way XML enters this library: DTDs prohibited (no entity expansion, no XXE), no resolver,
/// a size cap, and whitespace preserved so that signed content is digested exactly as received.
/// </summary>
internal static class SafeXml
{
    public const int MaxCharacters = 1 << 20;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        CloseInput = false,
    };

    public static XmlDocument Load(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var stream = new MemoryStream(xml, writable: false);
        return Load(stream);
    }

    public static XmlDocument Load(Stream xml) => Load(() => XmlReader.Create(xml, Settings));

    public static XmlDocument Load(string xml) => Load(() => XmlReader.Create(new StringReader(xml), Settings));

    private static XmlDocument Load(Func<XmlReader> open)
    {
        // Whitespace is content a signature covers: dropping it would break every signature over indented XML.
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = open();
            document.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new SamlMessageException($"The message is not acceptable XML (DTDs are prohibited): {ex.Message}", ex);
        }
        return document;
    }

    /// <summary>The root element, which must be <paramref name="localName"/> in <paramref name="ns"/>.</summary>
    public static XmlElement Root(XmlDocument document, string ns, string localName)
    {
        var root = document.DocumentElement;
        if (root is null || root.LocalName != localName || root.NamespaceURI != ns)
        {
            throw new SamlMessageException($"Expected a {localName} element in {ns}, got {root?.Name ?? "nothing"}.");
        }
        return root;
    }

    public static XmlElement? Child(XmlElement parent, string ns, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == localName && e.NamespaceURI == ns);

    public static IEnumerable<XmlElement> Children(XmlElement parent, string ns, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == ns);

    public static string? Attribute(XmlElement element, string name) =>
        element.HasAttribute(name) ? element.GetAttribute(name) : null;

    /// <summary>Checks the attributes every SAML protocol message carries (core 3.2.1) and returns ID and IssueInstant.</summary>
    public static (string Id, DateTimeOffset IssueInstant) ProtocolHeader(XmlElement root)
    {
        if (Attribute(root, "Version") != "2.0")
        {
            throw new SamlMessageException($"{root.LocalName} Version must be 2.0.");
        }
        var id = Attribute(root, "ID");
        if (string.IsNullOrEmpty(id))
        {
            throw new SamlMessageException($"{root.LocalName} has no ID.");
        }
        return (id, ParseTime(Attribute(root, "IssueInstant"), $"{root.LocalName} IssueInstant"));
    }

    public static DateTimeOffset ParseTime(string? value, string what)
    {
        if (value is null
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            throw new SamlMessageException($"{what} is missing or not an xs:dateTime: '{value}'.");
        }
        return parsed;
    }

    /// <summary>SAML times are UTC with a Z (core 1.3.3); milliseconds keep ordering visible in reports.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
