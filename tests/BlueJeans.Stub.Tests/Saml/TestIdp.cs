using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace BlueJeans.Stub.Tests.Saml;

/// <summary>
/// A signing IdP for the ACS tests, independent of the harness's own signer: builds a Response the way
/// JumpCloud sends one and signs it with SignedXml (exclusive c14n, RSA-SHA256, signature after Issuer).
/// </summary>
internal sealed class TestIdp : IDisposable
{
    public const string EntityId = "https://sso.jumpcloud.com/saml2/bluejeans";

    private TestIdp(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }
    public string CertificatePem => Certificate.ExportCertificatePem();

    public static TestIdp Create(string subject = "CN=JumpCloud Test IdP")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new TestIdp(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(5)));
    }

    /// <summary>The unsigned Response document for <paramref name="spec"/>.</summary>
    public static XmlDocument Build(ResponseSpec spec)
    {
        var issued = Time(spec.IssueInstant);
        var notOnOrAfter = Time(spec.IssueInstant + spec.Lifetime);
        var inResponseTo = spec.InResponseTo is null ? "" : $" InResponseTo=\"{spec.InResponseTo}\"";
        var attributes = string.Concat(spec.Attributes.Select(a =>
            $"<saml:Attribute Name=\"{a.Key}\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\"><saml:AttributeValue xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xs:string\">{a.Value}</saml:AttributeValue></saml:Attribute>"));
        var xml = $"""
            <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{spec.ResponseId}" Version="2.0" IssueInstant="{issued}" Destination="{spec.Destination}"{inResponseTo}><saml:Issuer>{spec.Issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="{spec.AssertionId}" Version="2.0" IssueInstant="{issued}"><saml:Issuer>{spec.Issuer}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">{spec.NameId}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{notOnOrAfter}" Recipient="{spec.Recipient}"{inResponseTo}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="{Time(spec.IssueInstant - TimeSpan.FromSeconds(30))}" NotOnOrAfter="{notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>{spec.Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="{issued}" SessionIndex="{spec.SessionIndex}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>
            """;
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }

    /// <summary>Builds and signs: Assertion first, then Response, so the outer digest covers the inner signature.</summary>
    public XmlDocument Sign(ResponseSpec spec, bool signAssertion = true, bool signResponse = true)
    {
        var document = Build(spec);
        if (signAssertion)
        {
            SignElement((XmlElement)document.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!);
        }
        if (signResponse)
        {
            SignElement(document.DocumentElement!);
        }
        return document;
    }

    public static string Encode(XmlDocument document) => Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));

    public void SignElement(XmlElement element)
    {
        using var key = Certificate.GetRSAPrivateKey()!;
        var signedXml = new SignedXml(element) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#" + element.GetAttribute("ID")) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        // KeyInfo names this IdP's certificate; the SP must ignore it and use the uploaded one.
        signedXml.KeyInfo = new KeyInfo();
        signedXml.KeyInfo.AddClause(new KeyInfoX509Data(Certificate));
        signedXml.ComputeSignature();
        var issuer = element.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "Issuer");
        element.InsertAfter(element.OwnerDocument.ImportNode(signedXml.GetXml(), true), issuer);
    }

    public void Dispose() => Certificate.Dispose();

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One Response to build; defaults are a valid IdP-initiated login for <see cref="BlueJeansStub"/>.</summary>
internal sealed record ResponseSpec
{
    public required string Destination { get; init; }
    public required string Recipient { get; init; }
    public required string Audience { get; init; }
    public required DateTimeOffset IssueInstant { get; init; }
    public string Issuer { get; init; } = TestIdp.EntityId;
    public string NameId { get; init; } = "ada";
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);
    public string? InResponseTo { get; init; }
    public string ResponseId { get; init; } = "_r" + Guid.NewGuid().ToString("N");
    public string AssertionId { get; init; } = "_a" + Guid.NewGuid().ToString("N");
    public string SessionIndex { get; init; } = "_s" + Guid.NewGuid().ToString("N");
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string> { ["email"] = "ada@example.com", ["uid"] = "ada.uid" };

    public static ResponseSpec For(BlueJeansStub stub, DateTimeOffset now) => new()
    {
        Destination = stub.AcsUrl,
        Recipient = stub.AcsUrl,
        Audience = stub.EntityId,
        IssueInstant = now,
    };
}
