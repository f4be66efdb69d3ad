using System.Text.RegularExpressions;
using Conformance.Results;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Steps;
using Conformance.Scenarios.Targets;

namespace Conformance.Cli;

/// <summary>Finds the repository, its scenario files and the default target, and selects scenarios.</summary>
internal static class Catalogue
{
    /// <summary>The repository the CLI was started in (the folder holding ConformanceSuite.sln, above the working folder or the binary).</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ConformanceSuite.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return Environment.CurrentDirectory;
    }

    public static string DefaultTarget(string root) => Path.Combine(root, "mocks", "targets", TargetFile.EmbeddedStub + ".yaml");

    /// <summary>Scenario files under the given paths (files or folders), or the whole catalogue, as full paths.</summary>
    public static IReadOnlyList<string> Files(string root, IReadOnlyList<string> paths)
    {
        var roots = paths.Count == 0 ? [Path.Combine(root, "scenarios")] : paths;
        var files = new List<string>();
        foreach (var path in roots)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.yaml", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('_')));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw Arguments.Bad(path, "no such scenario file or folder");
            }
        }
        return [.. files.Select(Path.GetFullPath).Order(StringComparer.Ordinal)];
    }

    /// <summary>The scenarios of the files, each named by its path from the repository root (as problems and reports cite it).</summary>
    public static IReadOnlyList<Scenario> Load(StepLibrary library, IReadOnlyList<string> files, string root)
    {
        var result = new ScenarioLoader(library, SeedGuide.Embedded).Load(files, f => Path.GetRelativePath(root, f).Replace('\\', '/'));
        return result.Problems.Count > 0 ? throw new InputException(result.Problems) : result.Scenarios;
    }

    /// <summary>
    /// --scenarios GLOB (on the file path or the id; repeated or comma-separated: any of them), --tag T (any of them),
    /// --exclude-tag T (none of them), --shard i/n, in that order.
    /// </summary>
    public static IReadOnlyList<Scenario> Select(IReadOnlyList<Scenario> scenarios, IReadOnlyList<string> globs, IReadOnlyList<string> tags, string? shard, IReadOnlyList<string>? excludedTags = null)
    {
        IEnumerable<Scenario> selected = scenarios;
        if (globs.Count > 0)
        {
            var patterns = globs.Select(GlobRegex).ToList();
            selected = selected.Where(s => patterns.Any(p => p.IsMatch(s.Id) || p.IsMatch(s.Location.File.Replace('\\', '/'))));
        }
        if (tags.Count > 0)
        {
            selected = selected.Where(s => s.Tags.Intersect(tags, StringComparer.Ordinal).Any());
        }
        if (excludedTags is { Count: > 0 })
        {
            selected = selected.Where(s => !s.Tags.Intersect(excludedTags, StringComparer.Ordinal).Any());
        }
        var list = selected.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        if (list.Count == 0 && scenarios.Count > 0)
        {
            // A typo in a selection must not become a green run that tested nothing.
            var asked = string.Join(" ", new[]
            {
                globs.Count == 0 ? null : $"--scenarios '{string.Join(',', globs)}'",
                tags.Count == 0 ? null : $"--tag {string.Join(',', tags)}",
                excludedTags is { Count: > 0 } ? $"--exclude-tag {string.Join(',', excludedTags)}" : null,
            }.OfType<string>());
            var known = scenarios.SelectMany(s => s.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            throw new InputException(new SourceLocation("arguments", 1, 1), $"no scenario matches {asked}; tags are {string.Join(", ", known)}; ./run.sh list shows every id");
        }
        if (shard is not null)
        {
            var (index, count) = Sharding.Parse(shard);
            return Sharding.Select(list, index, count);
        }
        return list;
    }

    internal static Regex GlobRegex(string glob)
    {
        var pattern = Regex.Escape(glob.Replace('\\', '/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex($"(^|/){pattern}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
