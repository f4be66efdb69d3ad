using BenchmarkDotNet.Attributes;
using Conformance.Bench.Scim;
using Conformance.Core.Directories;
using Conformance.Core.Insights;
using Conformance.Scim.Mapping;

namespace Conformance.Bench.Micro;

/// <summary>The per-user work of a push besides the transport: the SCIM body from the mapping, and one DI event appended.</summary>
[MemoryDiagnoser]
public class ScimBenchmarks
{
    private static readonly InsightsResource Resource = new("user", "u-000001", DisplayName: "Ada Lovelace");
    private static readonly InsightsApplication Application = new("app-1", "BlueJeans", "BlueJeans Video");
    private readonly UserMapping _mapping = new();
    private readonly DirectoryUser _user = Organisation.Users(1)[0];
    // One log for the whole run, as in a push: appends land on an ever longer list.
    private readonly InsightsLog _log = new(TimeProvider.System, "org-bench");

    [Benchmark(Description = "Mapping: directory user → SCIM create body")]
    public byte[] Mapping() => _mapping.ResourceUtf8(_user, null);

    [Benchmark(Description = "DI append: one user_create_provision event")]
    public InsightsEvent DiAppend() => _log.Log(InsightsEventTypes.UserCreateProvision, true, Resource, Application);
}
