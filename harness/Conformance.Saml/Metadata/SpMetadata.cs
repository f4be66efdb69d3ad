using System.Globalization;
using System.Xml;
using Conformance.Saml.Signing;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Metadata;

/// <summary>What the IdP takes from an SP's metadata to fill the SSO tab.</summary>
public sealed record SpMetadata
{
    public required string EntityId { get; init; }
    public required string AcsUrl { get; init; }
    public required string AcsBinding { get; init; }
    public string? SloUrl { get; init; }
    public string? SloBinding { get; init; }

    /// <summary>The SP's signing certificate (PEM), used to check signed AuthnRequests and LogoutRequests.</summary>
    public string? SigningCertificatePem { get; init; }

    public bool AuthnRequestsSigned { get; init; }
    public bool WantAssertionsSigned { get; init; }

    public static SpMetadata Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = SafeXml.Load(xml);
        var root = document.DocumentElement ?? throw new SamlMessageException("The SP metadata is empty.");
        var entity = root.LocalName == "EntityDescriptor" && root.NamespaceURI == SamlNames.Metadata
            ? root
            : Descendants(root, "EntityDescriptor").FirstOrDefault(e => SafeXml.Child(e, SamlNames.Metadata, "SPSSODescriptor") is not null)
              ?? throw new SamlMessageException("The metadata has no md:EntityDescriptor with an SPSSODescriptor.");
        var entityId = SafeXml.Attribute(entity, "entityID");
        if (string.IsNullOrWhiteSpace(entityId))
        {
            throw new SamlMessageException("The SP metadata has no entityID.");
        }
        var sp = SafeXml.Child(entity, SamlNames.Metadata, "SPSSODescriptor")
            ?? throw new SamlMessageException($"The metadata of {entityId} has no SPSSODescriptor.");

        var acs = ChooseAcs([.. SafeXml.Children(sp, SamlNames.Metadata, "AssertionConsumerService")])
            ?? throw new SamlMessageException($"The metadata of {entityId} has no AssertionConsumerService for HTTP-POST.");
        var slo = SafeXml.Children(sp, SamlNames.Metadata, "SingleLogoutService")
            .OrderBy(e => SafeXml.Attribute(e, "Binding") == SamlNames.HttpRedirectBinding ? 0 : 1)
            .FirstOrDefault();
        var certificate = SafeXml.Children(sp, SamlNames.Metadata, "KeyDescriptor")
            .Where(k => SafeXml.Attribute(k, "use") is null or "signing")
            .SelectMany(k => Descendants(k, "X509Certificate", SamlNames.XmlDsig))
            .Select(e => e.InnerText)
            .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        return new SpMetadata
        {
            EntityId = entityId,
            AcsUrl = SafeXml.Attribute(acs, "Location") ?? throw new SamlMessageException("The AssertionConsumerService has no Location."),
            AcsBinding = SafeXml.Attribute(acs, "Binding") ?? SamlNames.HttpPostBinding,
            SloUrl = slo is null ? null : SafeXml.Attribute(slo, "Location"),
            SloBinding = slo is null ? null : SafeXml.Attribute(slo, "Binding"),
            SigningCertificatePem = certificate is null ? null : SigningCertificate.PemFromBase64(certificate),
            AuthnRequestsSigned = SafeXml.Attribute(sp, "AuthnRequestsSigned") is "true" or "1",
            WantAssertionsSigned = SafeXml.Attribute(sp, "WantAssertionsSigned") is "true" or "1",
        };
    }

    /// <summary>The default ACS if one says so, else the HTTP-POST one with the lowest index (metadata 2.2.3).</summary>
    private static XmlElement? ChooseAcs(List<XmlElement> all)
    {
        var post = all.Where(e => SafeXml.Attribute(e, "Binding") == SamlNames.HttpPostBinding).ToList();
        return post.FirstOrDefault(e => SafeXml.Attribute(e, "isDefault") is "true" or "1")
            ?? post.OrderBy(e => int.TryParse(SafeXml.Attribute(e, "index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
                .FirstOrDefault();
    }

    private static IEnumerable<XmlElement> Descendants(XmlElement root, string localName, string ns = SamlNames.Metadata) =>
        root.GetElementsByTagName(localName, ns).OfType<XmlElement>();
}
