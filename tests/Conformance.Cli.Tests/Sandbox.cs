using Conformance.Testing;

namespace Conformance.Cli.Tests;

/// <summary>
/// A repository layout of a test's own — scenarios/, mocks/targets/ and a marker solution file — so
/// a test can run the CLI on scenarios it wrote (one that must fail, one holding canaries) in-process.
/// </summary>
internal sealed class Sandbox : IDisposable
{

    public Sandbox(bool withCatalogue = false)
    {
        Root = Directory.CreateTempSubdirectory("conformance-cli-").FullName;
        File.WriteAllText(Path.Combine(Root, "ConformanceSuite.sln"), "");
        Directory.CreateDirectory(Path.Combine(Root, "scenarios"));
        Directory.CreateDirectory(Path.Combine(Root, "mocks", "targets"));
        foreach (var target in Directory.EnumerateFiles(Path.Combine(Repository.Root, "mocks", "targets"), "*.yaml"))
        {
            File.Copy(target, Path.Combine(Root, "mocks", "targets", Path.GetFileName(target)));
        }
        if (withCatalogue)
        {
            CopyFolder(Path.Combine(Repository.Root, "scenarios"), Path.Combine(Root, "scenarios"));
        }
    }

    public string Root { get; }

    public string Reports => Path.Combine(Root, "reports");

    public string Latest => Path.Combine(Reports, "latest");

    public void Scenario(string relativePath, string yaml)
    {
        var path = Path.Combine(Root, "scenarios", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "# yaml-language-server: $schema=../schema.json\n" + yaml);
    }

    public async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, Root, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
