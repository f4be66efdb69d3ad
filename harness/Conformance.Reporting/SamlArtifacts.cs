using System.Globalization;
using Conformance.Core.Saml;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>artifacts/saml/&lt;scenario&gt;/: every message exactly as sent, and the certificate that signed it.</summary>
internal static class SamlArtifacts
{
    public static IReadOnlyDictionary<SamlMessageRecord, SavedSamlMessage> Write(RunResult run, string folder)
    {
        var saved = new Dictionary<SamlMessageRecord, SavedSamlMessage>(ReferenceEqualityComparer.Instance);
        foreach (var scenario in run.Scenarios)
        {
            var number = 0;
            var certificates = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var message in scenario.Steps.SelectMany(s => s.Evidence.SamlMessages))
            {
                number++;
                var relative = $"artifacts/saml/{RunFolder.FileName(scenario.Id)}/{number.ToString("D3", CultureInfo.InvariantCulture)}-{message.Kind}.xml";
                var path = Path.Combine(folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, message.Xml);
                string? certificateFile = null;
                if (message.CertificatePem is { } pem)
                {
                    if (!certificates.TryGetValue(pem, out certificateFile))
                    {
                        certificateFile = $"artifacts/saml/{RunFolder.FileName(scenario.Id)}/certificate-{certificates.Count + 1}.pem";
                        File.WriteAllText(Path.Combine(folder, certificateFile), pem);
                        certificates[pem] = certificateFile;
                    }
                }
                saved[message] = new SavedSamlMessage(message, relative, certificateFile);
            }
        }
        return saved;
    }
}
