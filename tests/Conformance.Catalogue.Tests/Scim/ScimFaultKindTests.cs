using System.Text.Json.Nodes;
using Conformance.Results;

namespace Conformance.Catalogue.Tests.Scim;

/// <summary>
/// Every way an SP can misbehave on the wire is the SP's failure, named in the report — never a harness error (exit 3)
/// and never a hang: each fault kind of the stub, on every SCIM create of the lifecycle scenario. (Timeouts have their
/// own scenario, scim.faults.timeout; the CLI's exit codes for each fault are in Conformance.Cli.Tests.SpFaultTests.)
/// </summary>
public sealed class ScimFaultKindTests
{
    [TestCase("drop")]
    [TestCase("malformed-json")]
    [TestCase("status")]
    [TestCase("wrong-content-type")]
    public async Task Lifecycle_WhenEveryCreateMeetsTheFault_FailsNeverErrors(string kind)
    {
        var fault = new JsonObject { ["method"] = "POST", ["path"] = "/Users", ["kind"] = kind, ["times"] = 0, ["status"] = 500 };

        var result = await Misbehaviour.WithFaultAsync("scim.user.lifecycle", fault);

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Failed), Catalogue.Describe(result));
        Assert.That(result.Steps.SelectMany(s => s.Checks).Where(c => c.Outcome == Outcome.Errored), Is.Empty, "an SP fault is never a harness error");
    }
}
