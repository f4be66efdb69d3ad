using System.IO.Compression;
using System.Text;
using Conformance.Core.Http;

namespace Conformance.Browser.Tests;

public class TraceScrubberTests
{
    private const string Password = "Correct-Horse-9";
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0xC3, 0x28];

    private string _zip = null!;

    [SetUp]
    public void WriteTrace()
    {
        _zip = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"scrub-{TestContext.CurrentContext.Test.Name}.zip");
        File.Delete(_zip);
        using var zip = ZipFile.Open(_zip, ZipArchiveMode.Create);
        Write(zip, "trace.trace", Encoding.UTF8.GetBytes($$$"""{"type":"before","method":"fill","params":{"selector":"#password","value":"{{{Password}}}"}}"""));
        Write(zip, "resources/page@1.jpeg", Jpeg);
    }

    [Test]
    public void Scrub_TextEntryWithARegisteredPassword_MasksIt()
    {
        var redactor = new Redactor();
        redactor.AddSecret(Password);

        TraceScrubber.Scrub(_zip, redactor);

        Assert.That(Read("trace.trace"), Is.EqualTo($$$"""{"type":"before","method":"fill","params":{"selector":"#password","value":"{{{Redactor.Mask}}}"}}"""));
    }

    [Test]
    public void Scrub_BinaryEntry_LeavesItByteForByte()
    {
        var redactor = new Redactor();
        redactor.AddSecret(Password);

        TraceScrubber.Scrub(_zip, redactor);

        using var zip = ZipFile.OpenRead(_zip);
        using var stream = zip.GetEntry("resources/page@1.jpeg")!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        Assert.That(bytes.ToArray(), Is.EqualTo(Jpeg));
    }

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }

    private string Read(string name)
    {
        using var zip = ZipFile.OpenRead(_zip);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
