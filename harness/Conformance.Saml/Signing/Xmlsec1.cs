using System.ComponentModel;
using System.Diagnostics;

namespace Conformance.Saml.Signing;

/// <summary>Which signature of a Response xmlsec1 should check.</summary>
public enum SignedElement
{
    Response,
    Assertion,
}

/// <summary>xmlsec1's verdict: exit code 0 means the signature verified with the given certificate.</summary>
public sealed record Xmlsec1Result(bool Verified, int ExitCode, string Output);

/// <summary>
/// An independent verifier: Debian's xmlsec1 (libxmlsec over OpenSSL) checks a Response with
/// nothing but a certificate.pem, as an SP administrator would. Needs `apt-get install xmlsec1`.
/// </summary>
public static class Xmlsec1
{
    public const string Executable = "xmlsec1";

    public static async Task<Xmlsec1Result> VerifyAsync(byte[] responseXml, string certificatePem, SignedElement signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseXml);
        var folder = Directory.CreateTempSubdirectory("xmlsec1-");
        try
        {
            var response = Path.Combine(folder.FullName, "response.xml");
            var pem = Path.Combine(folder.FullName, "certificate.pem");
            await File.WriteAllBytesAsync(response, responseXml, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(pem, certificatePem, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "--verify", "--pubkey-cert-pem", pem,
                    // SAML IDs are ordinary attributes without a DTD: xmlsec1 must be told which ones are IDs.
                    "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
                    "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                    "--node-xpath", signature == SignedElement.Response
                        ? "/*[local-name()='Response']/*[local-name()='Signature']"
                        : "/*[local-name()='Response']/*[local-name()='Assertion']/*[local-name()='Signature']",
                    response,
                },
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("xmlsec1 did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            return new Xmlsec1Result(process.ExitCode == 0, process.ExitCode, output);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("xmlsec1 is not installed (Debian: apt-get install -y xmlsec1).", ex);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
