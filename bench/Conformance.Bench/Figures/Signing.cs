using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conformance.Bench.Reporting;
using Conformance.Saml;
using Conformance.Saml.Responses;
using Conformance.Saml.Signing;
using Conformance.Saml.Xml;

namespace Conformance.Bench.Figures;

/// <summary>
/// Figure 1: signed Responses per second against the raw limit, RSA-2048 SignData calls per second on the same key
/// divided by the signatures per Response, on one core and on all cores; a straightforward SignedXml build beside it.
/// </summary>
internal static class Signing
{
    /// <summary>About what JumpCloud sends BlueJeans: NameID email plus the usual profile attributes and groups.</summary>
    public static ResponseSpec Spec(SignedParts signing) => new()
    {
        IdpEntityId = "https://sso.jumpcloud.com/saml2/bluejeans",
        AcsUrl = "https://bluejeans.com/sso/saml2/acs",
        Audience = "https://bluejeans.com/sso/saml2",
        NameId = "ada.lovelace@example.test",
        NameIdFormat = SamlNames.NameIdEmailAddress,
        InResponseTo = "_4f6c0b1e9d2a7c3e5b8f",
        IssueInstant = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero),
        SessionIndex = "_session-8c1d",
        Signing = signing,
        Attributes =
        [
            new AttributeClaim("email", "ada.lovelace@example.test"),
            new AttributeClaim("firstName", "Ada"),
            new AttributeClaim("lastName", "Lovelace"),
            new AttributeClaim("displayName", "Ada Lovelace"),
            new AttributeClaim("employeeIdentifier", "E-1815"),
            new AttributeClaim("jobTitle", "Analyst & Programmer"),
            new AttributeClaim("department", "Engineering"),
            new AttributeClaim("memberOf", ["Engineering", "Video Users", "All Staff"]),
        ],
    };

    /// <summary>The peer: DOM, SignedXml and its canonicaliser, as a first implementation would sign (XmlSigner).</summary>
    public static byte[] BuildWithSignedXml(ResponseSpec spec, X509Certificate2 certificate)
    {
        var document = SafeXml.Load(ResponseBuilder.Build(spec with { Signing = SignedParts.None }, certificate).Xml);
        var response = document.DocumentElement!;
        XmlSigner.Sign(SafeXml.Child(response, SamlNames.Assertion, "Assertion")!, certificate);
        XmlSigner.Sign(response, certificate);
        return System.Text.Encoding.UTF8.GetBytes(document.OuterXml);
    }

    public static IReadOnlyList<Figure> Measure(BenchOptions options)
    {
        using var key = SigningCertificate.Create("bench", DateTimeOffset.UtcNow);
        var certificate = key.Certificate;
        var both = Spec(SignedParts.Both);
        var one = Spec(SignedParts.Assertion);
        // The raw limit signs what the builder signs: one SignedInfo's worth of bytes.
        var signedInfo = new byte[560];
        var figures = new List<Figure>();
        foreach (var (label, threads) in new[] { ("1 core", 1), ($"all {Environment.ProcessorCount} cores", Environment.ProcessorCount) })
        {
            var raw = new List<double>();
            var twoSigs = new List<double>();
            var oneSig = new List<double>();
            var peer = new List<double>();
            for (var rep = 0; rep < options.Repetitions; rep++)
            {
                var rates = Repeat.InterleavedRates(threads, options.SignWindow, slices: 10,
                    () =>
                    {
                        var rsa = certificate.GetRSAPrivateKey()!;
                        return () => rsa.SignData(signedInfo, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    },
                    () => () => ResponseBuilder.Build(both, certificate),
                    () => () => ResponseBuilder.Build(one, certificate),
                    () => () => BuildWithSignedXml(both, certificate));
                raw.Add(rates[0]);
                twoSigs.Add(rates[1]);
                oneSig.Add(rates[2]);
                peer.Add(rates[3]);
            }
            var limit = Stat.Of(raw);
            figures.Add(new Figure { Group = "1 SAML signing", Name = $"RSA-2048 SignData, {label}", Unit = "signatures/s", Value = limit, Note = "the raw limit" });
            figures.Add(Ratio($"Response, both signed, {label}", twoSigs, raw, 2, "limit ÷ 2", 0.90));
            figures.Add(Ratio($"Response, Assertion signed, {label}", oneSig, raw, 1, "limit", 0.90));
            figures.Add(Ratio($"Response, both signed via SignedXml (peer), {label}", peer, raw, 2, "limit ÷ 2", goal: null));
        }
        return figures;
    }

    private static Figure Ratio(string name, List<double> rates, List<double> raw, int signatures, string ratioTo, double? goal)
    {
        var ratios = Stat.Of([.. rates.Zip(raw, (r, limit) => r / (limit / signatures))]);
        return new Figure
        {
            Group = "1 SAML signing",
            Name = name,
            Unit = "Responses/s",
            Value = Stat.Of(rates),
            RatioTo = ratioTo,
            Ratio = ratios,
            Goal = goal is { } g ? $"≥ {g:P0} of the limit" : null,
            Met = goal is { } bar ? ratios.Median >= bar : null,
        };
    }
}
