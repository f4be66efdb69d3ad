using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>
/// certification.zip: the run folder under report/, manifest.json (SHA-256 of every file, harness
/// version and commit, catalogue hash, seed, target, start and end), manifest.sig (a detached
/// RSA-SHA256 signature of manifest.json) and signer.pem (the certificate to verify it with). The manifest states the
/// scope: what was selected, what the target could support, what was evaluated and which guide lines that covered.
/// </summary>
public static class Certification
{
    public const string ManifestName = "manifest.json";
    public const string SignatureName = "manifest.sig";
    public const string SignerName = "signer.pem";
    private const string ReportPrefix = "report/";

    public static void Write(RunResult run, string runFolder, string catalogueHash, X509Certificate2 signer, string zipPath, CertificationScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(signer);
        scope ??= new CertificationScope([], []);
        var files = Directory.EnumerateFiles(runFolder, "*", SearchOption.AllDirectories)
            .Where(f => !string.Equals(Path.GetFullPath(f), Path.GetFullPath(zipPath), StringComparison.Ordinal))
            .Select(f => (Entry: ReportPrefix + Path.GetRelativePath(runFolder, f).Replace('\\', '/'), Path: f))
            .OrderBy(f => f.Entry, StringComparer.Ordinal)
            .ToList();
        var manifest = new JsonObject
        {
            ["format"] = "conformance-certification/1",
            ["harness"] = new JsonObject { ["version"] = run.HarnessVersion, ["commit"] = run.Commit },
            ["catalogueSha256"] = catalogueHash,
            ["target"] = run.Target,
            ["seed"] = run.Seed,
            ["namespace"] = run.Namespace,
            ["runId"] = run.RunId,
            ["start"] = run.Start,
            ["end"] = run.End,
            ["outcome"] = ResultsJson.Kebab(run.Outcome),
            ["counts"] = ResultsJson.Counts(run.Scenarios.Select(s => s.Outcome)),
            ["scope"] = Scope(run, scope),
            ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Entry,
                ["sha256"] = Hash(File.ReadAllBytes(f.Path)),
                ["size"] = new FileInfo(f.Path).Length,
            })]),
        };
        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString(ReportJson.Options));
        using var key = signer.GetRSAPrivateKey() ?? throw new InvalidOperationException("the signing certificate has no RSA private key");
        var signature = key.SignData(manifestBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var temporary = zipPath + ".tmp";
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            foreach (var (entry, path) in files)
            {
                zip.CreateEntryFromFile(path, entry, CompressionLevel.Optimal);
            }
            Add(zip, ManifestName, manifestBytes);
            Add(zip, SignatureName, Encoding.ASCII.GetBytes(Convert.ToBase64String(signature) + "\n"));
            Add(zip, SignerName, Encoding.ASCII.GetBytes(signer.ExportCertificatePem() + "\n"));
        }
        File.Move(temporary, zipPath, overwrite: true);
    }

    /// <summary>
    /// Complete only when the whole catalogue was selected and every scenario was evaluated: a selection, a shard or a
    /// target that skips scenarios makes the plan PARTIAL, and verify says so.
    /// </summary>
    private static JsonObject Scope(RunResult run, CertificationScope scope)
    {
        var measured = RunScope.Of(run);
        var complete = scope.Selection.Count == 0 && run.Shard is null && measured.Evaluated == measured.Scenarios && measured.Scenarios > 0;
        return new JsonObject
        {
            ["plan"] = complete ? "complete" : "partial",
            ["selection"] = new JsonArray([.. scope.Selection.Select(s => (JsonNode)s)]),
            ["shard"] = run.Shard,
            ["targetCapabilities"] = new JsonArray([.. scope.Capabilities.Order(StringComparer.Ordinal).Select(c => (JsonNode)c)]),
            ["scenarios"] = measured.Scenarios,
            ["evaluated"] = measured.Evaluated,
            ["skippedByReason"] = new JsonObject([.. measured.SkippedByReason.Select(r => KeyValuePair.Create(r.Reason, (JsonNode?)r.Count))]),
            ["guideLines"] = new JsonObject { ["cited"] = measured.GuideLinesCited, ["checked"] = measured.GuideLinesChecked, ["testable"] = measured.GuideLinesTestable },
        };
    }

    /// <summary>What verify found: every problem names the file it concerns.</summary>
    public sealed record Verification(bool Valid, IReadOnlyList<string> Problems, string SignerSubject, string SignerThumbprint, JsonObject? Manifest);

    public static Verification Verify(string zipPath, X509Certificate2? trusted = null)
    {
        var problems = new List<string>();
        using var zip = ZipFile.OpenRead(zipPath);
        var manifestBytes = Read(zip, ManifestName);
        var signatureText = Read(zip, SignatureName);
        var signerPem = Read(zip, SignerName);
        if (manifestBytes is null || signatureText is null || signerPem is null)
        {
            return new Verification(false, [$"{zipPath} is not a certification package: it needs {ManifestName}, {SignatureName} and {SignerName}"], "", "", null);
        }
        using var signer = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(signerPem));
        if (trusted is not null && !signer.RawData.AsSpan().SequenceEqual(trusted.RawData))
        {
            problems.Add($"{SignerName}: signed by {signer.Subject} ({signer.Thumbprint}), not by the trusted certificate {trusted.Thumbprint}");
        }
        using (var key = signer.GetRSAPublicKey())
        {
            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(Encoding.ASCII.GetString(signatureText).Trim());
            }
            catch (FormatException)
            {
                signature = [];
            }
            if (key is null || !key.VerifyData(manifestBytes, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                problems.Add($"{ManifestName}: the signature in {SignatureName} does not match it (the manifest or the signature changed)");
            }
        }
        JsonObject? manifest = null;
        try
        {
            manifest = JsonNode.Parse(manifestBytes) as JsonObject;
        }
        catch (JsonException)
        {
            problems.Add($"{ManifestName}: not JSON");
        }
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest?["files"]?.AsArray() ?? [])
        {
            var path = file?["path"]?.GetValue<string>() ?? "";
            listed.Add(path);
            var bytes = Read(zip, path);
            if (bytes is null)
            {
                problems.Add($"{path}: missing from the package");
            }
            else if (Hash(bytes) != file?["sha256"]?.GetValue<string>())
            {
                problems.Add($"{path}: changed (its SHA-256 is not the one in the manifest)");
            }
        }
        foreach (var extra in zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith(ReportPrefix, StringComparison.Ordinal) && !listed.Contains(n)))
        {
            problems.Add($"{extra}: added after signing (not in the manifest)");
        }
        return new Verification(problems.Count == 0, problems, signer.Subject, signer.Thumbprint, manifest);
    }

    /// <summary>A key for this certification only, when no organisation key is given: its thumbprint is printed so it can be recorded.</summary>
    public static X509Certificate2 EphemeralSigner(DateTimeOffset now)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Conformance suite certification (ephemeral key)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
    }

    public static X509Certificate2 LoadSigner(string certificatePemPath, string keyPemPath) =>
        X509Certificate2.CreateFromPemFile(certificatePemPath, keyPemPath);

    /// <summary>SHA-256 over the scenario files (paths and contents, in path order): which catalogue ran.</summary>
    public static string CatalogueHash(string scenariosFolder)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(scenariosFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(scenariosFolder, file).Replace('\\', '/') + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(bytes);
    }

    private static byte[]? Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return null;
        }
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

/// <summary>What a certification covered beyond its results: the selection given on the command line and the target's capabilities.</summary>
public sealed record CertificationScope(IReadOnlyList<string> Selection, IReadOnlyCollection<string> Capabilities);
