using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Conformance.Saml.Xml;

namespace Conformance.Saml.Signing;

public enum SignatureStatus
{
    Absent,
    Valid,
    Invalid,
}

/// <summary>What the verifier found on a Response and its Assertion.</summary>
public sealed record SignatureReport
{
    public required SignatureStatus Response { get; init; }
    public required SignatureStatus Assertion { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Something is signed and nothing signed fails.</summary>
    public bool IsValid =>
        Response != SignatureStatus.Invalid && Assertion != SignatureStatus.Invalid
        && (Response == SignatureStatus.Valid || Assertion == SignatureStatus.Valid);
}

/// <summary>
/// Checks Response and Assertion signatures against a certificate the caller trusts. KeyInfo in the
/// message is ignored: a message that carries its own key proves nothing.
/// </summary>
public static class SignatureVerifier
{
    /// <summary>
    /// What a Response's signatures say, in one sentence for a reader, checked against the certificate given (the
    /// application's, never the message's KeyInfo); a message that cannot be checked says why.
    /// </summary>
    public static string Describe(byte[] responseXml, string certificatePem)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem);
            var report = Verify(responseXml, certificate);
            return $"Response {report.Response.ToString().ToLowerInvariant()}, Assertion {report.Assertion.ToString().ToLowerInvariant()} (checked against the application's certificate, never the message's KeyInfo)";
        }
        catch (Exception ex) when (ex is CryptographicException or XmlException or SamlMessageException or InvalidOperationException)
        {
            return $"not verifiable ({ex.Message})";
        }
    }

    public static SignatureReport Verify(byte[] responseXml, X509Certificate2 trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        var document = SafeXml.Load(responseXml);
        var root = SafeXml.Root(document, SamlNames.Protocol, "Response");
        var problems = new List<string>();
        var response = Check(document, root, trusted, problems);
        var assertions = SafeXml.Children(root, SamlNames.Assertion, "Assertion").ToList();
        var assertion = SignatureStatus.Absent;
        if (assertions.Count > 1)
        {
            problems.Add("The Response carries more than one Assertion.");
            assertion = SignatureStatus.Invalid;
        }
        else if (assertions.Count == 1)
        {
            assertion = Check(document, assertions[0], trusted, problems);
        }
        return new SignatureReport { Response = response, Assertion = assertion, Problems = problems };
    }

    private static SignatureStatus Check(XmlDocument document, XmlElement element, X509Certificate2 trusted, List<string> problems)
    {
        var signatures = SafeXml.Children(element, SamlNames.XmlDsig, "Signature").ToList();
        if (signatures.Count == 0)
        {
            return SignatureStatus.Absent;
        }
        var what = element.LocalName;
        if (signatures.Count > 1)
        {
            problems.Add($"{what} has more than one Signature.");
            return SignatureStatus.Invalid;
        }
        try
        {
            var signed = new SignedXml(document);
            signed.LoadXml(signatures[0]);
            var references = signed.SignedInfo!.References;
            // A signature that covers some other element is the classic wrapping attack.
            if (references.Count != 1 || references[0] is not Reference only || only.Uri != "#" + element.GetAttribute("ID"))
            {
                problems.Add($"{what} signature does not reference its own {what} element.");
                return SignatureStatus.Invalid;
            }
            if (!signed.CheckSignature(trusted, verifySignatureOnly: true))
            {
                problems.Add($"{what} signature does not verify with the given certificate (digest or signature value mismatch).");
                return SignatureStatus.Invalid;
            }
            return SignatureStatus.Valid;
        }
        catch (CryptographicException ex)
        {
            problems.Add($"{what} signature cannot be checked: {ex.Message}");
            return SignatureStatus.Invalid;
        }
    }
}
