using Conformance.Saml.Responses;
using Conformance.Saml.Signing;
using Conformance.Saml.Tests.Responses;

namespace Conformance.Saml.Tests.Signing;

/// <summary>
/// An independent verifier (xmlsec1) checks what we sign with nothing but the certificate.pem:
/// "In Certificate Path, click CHOOSE FILE to locate and upload the certificate".
/// </summary>
public class Xmlsec1Tests
{
    private static byte[] Built() =>
        ResponseBuilder.Build(ResponseSamples.Spec() with { InResponseTo = "_req-1" }, TestKeys.App.Certificate).Xml;

    [TestCase(SignedElement.Response)]
    [TestCase(SignedElement.Assertion)]
    public async Task Verify_SignedResponse_AcceptsWithTheDownloadedCertificate(SignedElement signature)
    {
        var result = await Xmlsec1.VerifyAsync(Built(), TestKeys.App.Pem, signature);

        Assert.That(result.Verified, Is.True, result.Output);
    }

    [TestCase(SignedElement.Response)]
    [TestCase(SignedElement.Assertion)]
    public async Task Verify_OneSignedByteFlipped_Rejects(SignedElement signature)
    {
        var result = await Xmlsec1.VerifyAsync(SignatureVerifierTests.FlipOneSignedByte(Built()), TestKeys.App.Pem, signature);

        Assert.That(result.Verified, Is.False, result.Output);
    }

    [Test]
    public async Task Verify_AnotherCertificate_Rejects()
    {
        var result = await Xmlsec1.VerifyAsync(Built(), TestKeys.Other.Pem, SignedElement.Response);

        Assert.That(result.Verified, Is.False, result.Output);
    }
}
