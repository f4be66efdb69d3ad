using System.Xml.Linq;

namespace Conformance.Catalogue.Tests;

/// <summary>The project graph of docs/architecture.md, rule by rule, read from the .csproj files themselves.</summary>
public sealed class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> References = Directory
        .EnumerateFiles(Catalogue.Root, "*.csproj", SearchOption.AllDirectories)
        .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .ToDictionary(
            p => Path.GetFileNameWithoutExtension(p),
            p => XDocument.Load(p).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .Order(StringComparer.Ordinal).ToArray());

    [TestCase("Conformance.Core", new string[0], TestName = "Core, the shared vocabulary, references none of ours")]
    [TestCase("Conformance.Saml", new string[0], TestName = "Saml knows no organisation, IdP or scenario")]
    [TestCase("BlueJeans.Stub", new[] { "Conformance.Core" }, TestName = "The stub never uses the harness's SAML or SCIM code")]
    [TestCase("Conformance.Scim", new[] { "Conformance.Core" }, TestName = "The SCIM engine knows no IdP or scenario")]
    [TestCase("Conformance.Browser", new[] { "Conformance.Core" }, TestName = "The browser driver knows no IdP or scenario")]
    [TestCase("Conformance.IdP", new[] { "Conformance.Core", "Conformance.Saml", "Conformance.Scim" }, TestName = "The IdP knows no scenario, browser or report")]
    [TestCase("Conformance.Results", new[] { "Conformance.Core" }, TestName = "A run's results stand on their own")]
    [TestCase("Conformance.Reporting", new[] { "Conformance.Results", "Conformance.Saml" }, TestName = "Reports read results, never the engine that produced them")]
    public void Project_ReferencesOnlyWhatTheArchitectureAllows(string project, string[] allowed) =>
        Assert.That(References[project], Is.SubsetOf(allowed), $"{project} references {string.Join(", ", References[project])}");

    [Test]
    public void EveryProject_PinsItsPackagesInALockFile()
    {
        var projects = Directory.EnumerateFiles(Catalogue.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        Assert.That(projects.Where(p => !File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "packages.lock.json"))).Select(p => Path.GetRelativePath(Catalogue.Root, p)),
            Is.Empty, "run `dotnet restore` and commit the new packages.lock.json: ./run.sh test restores in locked mode");
    }

    [Test]
    public void ProductionProjects_ShowTheirInternalsOnlyToTestsAndTheBench()
    {
        var friends = Directory.EnumerateFiles(Catalogue.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(p => XDocument.Load(p).Descendants("InternalsVisibleTo").Select(f => $"{Path.GetFileNameWithoutExtension(p)} → {f.Attribute("Include")!.Value}"));

        Assert.That(friends.Where(f => !f.EndsWith(".Tests", StringComparison.Ordinal) && !f.EndsWith("Conformance.Bench", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void NothingButTests_ReferencesTheCommandLine() =>
        Assert.That(References.Where(p => p.Value.Contains("Conformance.Cli")).Select(p => p.Key), Is.Empty);

    [Test]
    public void TheGraph_HasNoCycle()
    {
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string project, string path)
        {
            Assert.That(visiting.Add(project), Is.True, $"cycle: {path} → {project}");
            foreach (var next in References.GetValueOrDefault(project, []))
            {
                if (!done.Contains(next))
                {
                    Visit(next, $"{path} → {project}");
                }
            }
            visiting.Remove(project);
            done.Add(project);
        }
        foreach (var project in References.Keys)
        {
            if (!done.Contains(project))
            {
                Visit(project, "");
            }
        }
    }
}
