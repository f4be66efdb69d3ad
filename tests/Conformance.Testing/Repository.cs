namespace Conformance.Testing;

/// <summary>The repository the tests run from: the folder holding ConformanceSuite.sln above the test binary.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            // A test's own sandbox holds an empty ConformanceSuite.sln to mark its root: the repository's is never empty.
            var solution = Path.Combine(dir.FullName, "ConformanceSuite.sln");
            if (File.Exists(solution) && new FileInfo(solution).Length > 0)
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ConformanceSuite.sln not found above " + AppContext.BaseDirectory);
    }
}
