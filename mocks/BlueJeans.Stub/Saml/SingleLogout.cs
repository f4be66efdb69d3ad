using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace BlueJeans.Stub.Saml;

/// <summary>Where a single logout request leads: a redirect to the IdP with the LogoutResponse, or a page.</summary>
internal sealed record LogoutOutcome(int Status, string? Location, string Message);

/// <summary>
/// The SP's single logout endpoint (SAML Profiles 4.4, HTTP-Redirect binding): a LogoutRequest from the IdP
/// ends the user's sessions here and is answered with a LogoutResponse sent to the IdP's SLO URL. The
/// signature (over the query string, Bindings 3.4.4.1) must verify with the uploaded IdP certificate.
/// </summary>
internal sealed class SingleLogout(SamlServiceProvider sp, DefenceSet defences, StubUrls urls, TimeProvider time)
{
    private const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    public LogoutOutcome Handle(string rawQuery)
    {
        var raw = Parameters(rawQuery);
        if (!raw.TryGetValue("SAMLRequest", out var encoded))
        {
            return new LogoutOutcome(400, null, "This SP only answers LogoutRequests from the IdP (SAMLRequest).");
        }
        var settings = sp.CurrentSettings;
        if (settings is not { Enabled: true })
        {
            return new LogoutOutcome(403, null, "SAML single sign-on is not enabled on this BlueJeans account.");
        }
        if (defences.IsOn(StubDefences.Signature) && VerifySignature(raw, settings.CertificatePem) is { } problem)
        {
            return new LogoutOutcome(403, null, problem);
        }
        XElement request;
        try
        {
            request = Load(Inflate(Convert.FromBase64String(Uri.UnescapeDataString(encoded))));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or XmlException)
        {
            return new LogoutOutcome(400, null, $"The LogoutRequest cannot be read: {e.Message}");
        }
        XNamespace p = SamlNames.Protocol;
        XNamespace a = SamlNames.Assertion;
        if (request.Name != p + "LogoutRequest")
        {
            return new LogoutOutcome(400, null, $"Expected a samlp:LogoutRequest, got {request.Name.LocalName}.");
        }
        var issuer = request.Element(a + "Issuer")?.Value.Trim();
        if (defences.IsOn(StubDefences.Issuer) && !string.IsNullOrEmpty(settings.IdpEntityId) && issuer != settings.IdpEntityId)
        {
            return new LogoutOutcome(403, null, $"LogoutRequest Issuer '{issuer}' is not the configured IdP '{settings.IdpEntityId}'.");
        }
        var nameId = request.Element(a + "NameID")?.Value.Trim();
        if (string.IsNullOrEmpty(nameId))
        {
            return new LogoutOutcome(400, null, "The LogoutRequest has no NameID.");
        }
        var ended = sp.EndSessions(nameId, [.. request.Elements(p + "SessionIndex").Select(e => e.Value.Trim())]);
        var message = $"Signed out of BlueJeans: {ended} session(s) of {nameId} ended.";
        if (string.IsNullOrEmpty(settings.IdpSloUrl))
        {
            return new LogoutOutcome(200, null, message);
        }
        var response = new XElement(p + "LogoutResponse",
            new XAttribute(XNamespace.Xmlns + "samlp", SamlNames.Protocol),
            new XAttribute(XNamespace.Xmlns + "saml", SamlNames.Assertion),
            new XAttribute("ID", "_" + Guid.NewGuid().ToString("N")),
            new XAttribute("Version", "2.0"),
            new XAttribute("IssueInstant", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            new XAttribute("Destination", settings.IdpSloUrl),
            new XAttribute("InResponseTo", (string?)request.Attribute("ID") ?? ""),
            new XElement(a + "Issuer", urls.EntityId),
            new XElement(p + "Status", new XElement(p + "StatusCode", new XAttribute("Value", SamlNames.Success))));
        var separator = settings.IdpSloUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var location = $"{settings.IdpSloUrl}{separator}SAMLResponse={Uri.EscapeDataString(SamlServiceProvider.Deflate(response.ToString(SaveOptions.DisableFormatting)))}"
            + (raw.TryGetValue("RelayState", out var relay) ? "&RelayState=" + relay : "");
        return new LogoutOutcome(302, location, message);
    }

    /// <summary>Bindings 3.4.4.1: the signature covers SAMLRequest, RelayState and SigAlg exactly as they appear in the URL.</summary>
    private static string? VerifySignature(Dictionary<string, string> raw, string? certificatePem)
    {
        if (!raw.TryGetValue("Signature", out var signature) || !raw.TryGetValue("SigAlg", out var sigAlg))
        {
            return "The LogoutRequest is not signed.";
        }
        if (Uri.UnescapeDataString(sigAlg) != RsaSha256)
        {
            return $"The LogoutRequest is signed with {Uri.UnescapeDataString(sigAlg)}; RSA-SHA256 is required.";
        }
        if (string.IsNullOrWhiteSpace(certificatePem))
        {
            return "No IdP certificate has been uploaded on ADMIN > SECURITY.";
        }
        var octets = $"SAMLRequest={raw["SAMLRequest"]}" + (raw.TryGetValue("RelayState", out var relay) ? $"&RelayState={relay}" : "") + $"&SigAlg={sigAlg}";
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem);
            using var key = certificate.GetRSAPublicKey();
            return key is not null && key.VerifyData(Encoding.UTF8.GetBytes(octets), Convert.FromBase64String(Uri.UnescapeDataString(signature)), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                ? null
                : "The LogoutRequest signature does not verify with the uploaded certificate.";
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return $"The LogoutRequest signature cannot be checked: {e.Message}";
        }
    }

    private static Dictionary<string, string> Parameters(string rawQuery)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            raw.TryAdd(eq < 0 ? pair : pair[..eq], eq < 0 ? "" : pair[(eq + 1)..]);
        }
        return raw;
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static XElement Load(byte[] xml)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XElement.Load(reader);
    }
}
