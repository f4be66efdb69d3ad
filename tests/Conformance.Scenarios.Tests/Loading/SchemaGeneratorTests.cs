using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Steps;

using Conformance.Testing;

namespace Conformance.Scenarios.Tests.Loading;

public sealed class SchemaGeneratorTests
{
    [Test]
    public void CommittedSchema_EqualsTheOneGeneratedFromTheStepLibrary()
    {
        var committed = File.ReadAllText(Path.Combine(Repository.Root, "scenarios", "schema.json"));

        Assert.That(committed, Is.EqualTo(SchemaGenerator.Render(StepLibrary.Discover())),
            "scenarios/schema.json is stale: run './run.sh schema --write'");
    }

    [Test]
    public void EveryCatalogueFile_ReferencesTheSchemaForEditors()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml", SearchOption.AllDirectories).ToList();

        Assert.That(files, Is.Not.Empty);
        Assert.That(files.Where(f => !File.ReadLines(f).First().StartsWith("# yaml-language-server: $schema=", StringComparison.Ordinal)), Is.Empty);
    }
}
