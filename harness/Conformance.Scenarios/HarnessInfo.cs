using System.Reflection;

namespace Conformance.Scenarios;

/// <summary>Which harness produced a report: the assembly's informational version and the git commit it was built from.</summary>
public static class HarnessInfo
{
    public static string Version { get; } =
        typeof(HarnessInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string? Commit { get; } =
        typeof(HarnessInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SourceCommit")?.Value is { Length: > 0 } c ? c : null;
}
