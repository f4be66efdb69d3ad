using System.Security.Cryptography.X509Certificates;
using Conformance.Reporting;

namespace Conformance.Cli;

/// <summary>
/// <c>certify --target FILE</c> runs the certification plan (the whole catalogue) and packs the report
/// into a signed certification.zip; <c>certify verify FILE.zip [--trust signer.pem]</c> checks one.
/// The signing key is the organisation's (--cert/--key PEM files, or CONFORMANCE_CERT/CONFORMANCE_KEY)
/// or, without one, an ephemeral key whose thumbprint is printed for the record.
/// </summary>
internal static class Certify
{
    public static async Task<int> RunAsync(Arguments args, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (args.Option("target") is null)
        {
            throw Arguments.Bad("certify", "option '--target FILE' is required: certification is of one SP");
        }
        using var signer = Signer(args);
        var (run, folder) = await CommandLine.ExecuteRunAsync(args, stdout, cancellationToken).ConfigureAwait(false);
        var zip = Path.Combine(folder, "certification.zip");
        string[] restricting = ["scenarios", "tag", "exclude-tag"];
        var selection = restricting.SelectMany(o => args.Options(o).Select(v => $"--{o} {v}")).ToList();
        var capabilities = Scenarios.Targets.TargetLoader.Capabilities(Scenarios.Targets.TargetLoader.Load(args.Option("target")!));
        Certification.Write(run, folder, Certification.CatalogueHash(Path.Combine(args.Root, "scenarios")), signer, zip, new CertificationScope(selection, [.. capabilities]));
        await stdout.WriteLineAsync($"certification package: {zip}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"signed by {signer.Subject}, SHA-1 thumbprint {signer.Thumbprint}, SHA-256 {signer.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}").ConfigureAwait(false);
        return run.ExitCode;
    }

    public static int Verify(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var zip = args.Positional[0];
        if (!File.Exists(zip))
        {
            throw Arguments.Bad(zip, "no such certification package");
        }
        using var trusted = args.Option("trust") is { } trustPath ? LoadTrusted(trustPath) : null;
        Certification.Verification result;
        try
        {
            result = Certification.Verify(zip, trusted);
        }
        catch (InvalidDataException ex)
        {
            throw Arguments.Bad(zip, $"not a zip file: {ex.Message}");
        }
        foreach (var problem in result.Problems)
        {
            stderr.WriteLine(problem);
        }
        var scope = result.Manifest?["scope"];
        var plan = scope?["plan"]?.GetValue<string>() == "complete" ? "COMPLETE" : "PARTIAL";
        stdout.WriteLine(result.Valid
            ? $"VALID: {result.Manifest?["files"]?.AsArray().Count} files unchanged; target '{result.Manifest?["target"]}', outcome {result.Manifest?["outcome"]}, signed by {result.SignerSubject} ({result.SignerThumbprint})"
            : $"INVALID: {result.Problems.Count} problems");
        if (result.Valid)
        {
            stdout.WriteLine($"{plan} plan: {scope?["evaluated"]} of {scope?["scenarios"]} scenarios evaluated; guide lines checked {scope?["guideLines"]?["checked"]} of {scope?["guideLines"]?["cited"]} cited"
                + (scope?["selection"]?.AsArray().Count > 0 ? $"; selection {string.Join(" ", scope["selection"]!.AsArray())}" : "")
                + (scope?["shard"] is { } shard ? $"; shard {shard}" : ""));
            stdout.WriteLine(trusted is null
                ? "signer NOT verified: signer.pem travels inside the package, so it proves integrity only; verify with --trust and the vendor's certificate obtained another way"
                : "signer verified against the trusted certificate");
        }
        return result.Valid ? 0 : 1;
    }

    private static X509Certificate2 LoadTrusted(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw Arguments.Bad(path, $"expected a PEM certificate to trust: {ex.Message}");
        }
    }

    private static X509Certificate2 Signer(Arguments args)
    {
        var cert = args.Option("cert") ?? Environment.GetEnvironmentVariable("CONFORMANCE_CERT");
        var key = args.Option("key") ?? Environment.GetEnvironmentVariable("CONFORMANCE_KEY");
        if (cert is null != key is null)
        {
            throw Arguments.Bad("certify", "give both --cert and --key (PEM files), or neither for an ephemeral key");
        }
        return cert is null ? Certification.EphemeralSigner(DateTimeOffset.UtcNow) : Certification.LoadSigner(cert, key!);
    }
}
