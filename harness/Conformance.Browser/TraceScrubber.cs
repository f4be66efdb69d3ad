using System.IO.Compression;
using System.Text;
using Conformance.Core.Http;

namespace Conformance.Browser;

/// <summary>
/// A Playwright trace records what was typed and posted (fill actions, the login form body, DOM
/// snapshots of inputs): every text entry of the zip goes through the redactor before anyone can open it.
/// </summary>
internal static class TraceScrubber
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Scrub(string zipPath, Redactor redactor)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            string text;
            try
            {
                text = StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
            catch (DecoderFallbackException)
            {
                continue; // an image: screenshots show a password field as dots
            }
            var redacted = redactor.Redact(text);
            if (!string.Equals(redacted, text, StringComparison.Ordinal))
            {
                stream.SetLength(0);
                stream.Write(StrictUtf8.GetBytes(redacted!));
            }
        }
    }
}
