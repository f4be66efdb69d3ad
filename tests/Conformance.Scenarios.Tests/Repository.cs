namespace Conformance.Scenarios.Tests;

internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConformanceSuite.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ConformanceSuite.sln not found above " + AppContext.BaseDirectory);
    }
}
