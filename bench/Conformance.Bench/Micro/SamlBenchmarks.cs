using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using BenchmarkDotNet.Attributes;
using Conformance.Bench.Figures;
using Conformance.Saml.Responses;
using Conformance.Saml.Signing;
using Conformance.Saml.Xml;

namespace Conformance.Bench.Micro;

/// <summary>Response build + sign and canonicalisation: the direct canonical writer against the SignedXml route.</summary>
[MemoryDiagnoser]
public class SamlBenchmarks : IDisposable
{
    private readonly SigningCertificate _key = SigningCertificate.Create("bench", DateTimeOffset.UtcNow);
    private readonly ResponseSpec _both = Signing.Spec(SignedParts.Both);
    private readonly ResponseSpec _unsigned = Signing.Spec(SignedParts.None);
    private XmlDocument _document = null!;

    private X509Certificate2 Certificate => _key.Certificate;

    [GlobalSetup]
    public void Setup() => _document = SafeXml.Load(ResponseBuilder.Build(_unsigned, Certificate).Xml);

    [Benchmark(Description = "Response build + sign (both), canonical writer")]
    public byte[] BuildAndSign() => ResponseBuilder.Build(_both, Certificate).Xml;

    [Benchmark(Description = "Response build + sign (both), SignedXml peer")]
    public byte[] BuildAndSignWithSignedXml() => Signing.BuildWithSignedXml(_both, Certificate);

    [Benchmark(Description = "Canonical form, written directly (unsigned Response)")]
    public byte[] CanonicalWriter() => ResponseBuilder.Build(_unsigned, Certificate).Xml;

    [Benchmark(Description = "Canonical form, XmlDsigExcC14NTransform over the DOM")]
    public long ExcC14nTransform()
    {
        var transform = new XmlDsigExcC14NTransform("xs");
        transform.LoadInput(_document);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        return output.Length;
    }

    public void Dispose()
    {
        _key.Dispose();
        GC.SuppressFinalize(this);
    }
}
