using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conformance.Saml.Signing;

namespace Conformance.Saml.Bindings;

/// <summary>A message received by HTTP-Redirect, with what its query-string signature covers.</summary>
public sealed record RedirectMessage
{
    /// <summary>SAMLRequest or SAMLResponse.</summary>
    public required string Parameter { get; init; }

    /// <summary>The inflated XML, byte for byte.</summary>
    public required byte[] Xml { get; init; }

    public string? RelayState { get; init; }
    public string? SigAlg { get; init; }
    public byte[]? Signature { get; init; }

    /// <summary>The octets the SP signed, rebuilt from the raw query values (bindings 3.4.4.1).</summary>
    public required string SignedOctets { get; init; }

    public bool IsSigned => Signature is not null;

    /// <summary>Checks the query-string signature (RSA-SHA256 only) against a certificate the caller trusts.</summary>
    public bool VerifySignature(X509Certificate2 trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        if (Signature is null || SigAlg != SamlNames.RsaSha256)
        {
            return false;
        }
        using var key = trusted.GetRSAPublicKey();
        return key is not null
            && key.VerifyData(Encoding.UTF8.GetBytes(SignedOctets), Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}

/// <summary>SAML HTTP-Redirect binding (bindings 3.4): raw DEFLATE, base64, URL-encoding, optional query signature.</summary>
public static class RedirectBinding
{
    /// <summary>Larger inflated messages are refused: a deflate bomb must not exhaust memory.</summary>
    public const int MaxInflatedBytes = 256 * 1024;


    /// <summary>Parses a raw query string (with or without '?'), keeping the raw values the signature covers.</summary>
    public static RedirectMessage Parse(string rawQuery)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            if (!raw.TryAdd(name, eq < 0 ? "" : pair[(eq + 1)..]) && name is BindingFields.SamlRequest or BindingFields.SamlResponse or BindingFields.RelayState or BindingFields.SigAlg or BindingFields.Signature)
            {
                throw new SamlMessageException($"The query string repeats {name}.");
            }
        }
        var parameter = raw.ContainsKey(BindingFields.SamlRequest) ? BindingFields.SamlRequest
            : raw.ContainsKey(BindingFields.SamlResponse) ? BindingFields.SamlResponse
            : throw new SamlMessageException("The query string has neither SAMLRequest nor SAMLResponse.");
        if (raw.ContainsKey(BindingFields.SamlRequest) && raw.ContainsKey(BindingFields.SamlResponse))
        {
            throw new SamlMessageException("The query string has both SAMLRequest and SAMLResponse.");
        }

        var signedOctets = new StringBuilder($"{parameter}={raw[parameter]}");
        if (raw.TryGetValue(BindingFields.RelayState, out var relay))
        {
            signedOctets.Append($"&{BindingFields.RelayState}=").Append(relay);
        }
        raw.TryGetValue(BindingFields.SigAlg, out var sigAlg);
        if (sigAlg is not null)
        {
            signedOctets.Append($"&{BindingFields.SigAlg}=").Append(sigAlg);
        }
        byte[]? signature = null;
        if (raw.TryGetValue(BindingFields.Signature, out var rawSignature))
        {
            signature = FromBase64(Uri.UnescapeDataString(rawSignature), BindingFields.Signature);
        }
        return new RedirectMessage
        {
            Parameter = parameter,
            Xml = Inflate(FromBase64(Uri.UnescapeDataString(raw[parameter]), parameter)),
            RelayState = relay is null ? null : WebUtility.UrlDecode(relay),
            SigAlg = sigAlg is null ? null : WebUtility.UrlDecode(sigAlg),
            Signature = signature,
            SignedOctets = signedOctets.ToString(),
        };
    }

    /// <summary>The query string (no '?') that carries <paramref name="xml"/>; signed with RSA-SHA256 when a certificate is given.</summary>
    public static string Encode(string parameter, byte[] xml, string? relayState, X509Certificate2? signWith)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var query = new StringBuilder($"{parameter}={Uri.EscapeDataString(Convert.ToBase64String(Deflate(xml)))}");
        if (relayState is not null)
        {
            query.Append($"&{BindingFields.RelayState}=").Append(Uri.EscapeDataString(relayState));
        }
        if (signWith is not null)
        {
            query.Append($"&{BindingFields.SigAlg}=").Append(Uri.EscapeDataString(SamlNames.RsaSha256));
            var signature = XmlSigner.SignOctets(Encoding.UTF8.GetBytes(query.ToString()), signWith);
            query.Append($"&{BindingFields.Signature}=").Append(Uri.EscapeDataString(Convert.ToBase64String(signature)));
        }
        return query.ToString();
    }

    /// <summary><paramref name="endpoint"/> with the encoded message appended to any query it already has.</summary>
    public static string Url(string endpoint, string parameter, byte[] xml, string? relayState, X509Certificate2? signWith)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint + (endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Encode(parameter, xml, relayState, signWith);
    }

    public static byte[] Deflate(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal))
        {
            deflate.Write(data);
        }
        return output.ToArray();
    }

    public static byte[] Inflate(byte[] compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        try
        {
            using var input = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = input.Read(chunk)) > 0)
            {
                output.Write(chunk, 0, read);
                if (output.Length > MaxInflatedBytes)
                {
                    throw new SamlMessageException($"The inflated message exceeds {MaxInflatedBytes} bytes.");
                }
            }
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new SamlMessageException("The message is not raw DEFLATE data.", ex);
        }
    }

    internal static byte[] FromBase64(string value, string what)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException ex)
        {
            throw new SamlMessageException($"{what} is not base64.", ex);
        }
    }
}
