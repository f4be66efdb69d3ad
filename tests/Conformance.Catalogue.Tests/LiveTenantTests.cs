using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Results;

namespace Conformance.Catalogue.Tests;

/// <summary>
/// The SCIM and DI scenarios against the reference SP as deployed (mocks/targets/reference-sp-deployed.yaml: no control
/// API, so no reset between scenarios): run twice against the same SP process they give the same outcomes, none
/// fails, and afterwards the SP holds no object of either run — asked through its SCIM API.
/// </summary>
public sealed class LiveTenantTests
{
    private const string Target = "reference-sp-deployed.yaml";

    [Test]
    public async Task ScimAndDiScenarios_RunTwiceAgainstOneTenant_AgreeFailNothingAndLeaveNothing()
    {
        var selection = Catalogue.Scenarios.Where(s => s.Area is Area.Scim or Area.Di).ToList();

        var first = new List<ScenarioResult>();
        foreach (var scenario in selection)
        {
            first.Add(await Catalogue.RunAsync(scenario, targetFile: Target));
        }
        var second = new List<ScenarioResult>();
        foreach (var scenario in selection)
        {
            second.Add(await Catalogue.RunAsync(scenario, targetFile: Target));
        }

        Assert.Multiple(() =>
        {
            Assert.That(second.Select(r => (r.Id, r.Outcome)), Is.EqualTo(first.Select(r => (r.Id, r.Outcome))), "the second run meets nothing of the first");
            Assert.That(first.Concat(second).Where(r => r.Outcome is not (Outcome.Passed or Outcome.Skipped or Outcome.Warning)).Select(Catalogue.Describe), Is.Empty);
            Assert.That(first.Count(r => r.Outcome != Outcome.Skipped), Is.GreaterThanOrEqualTo(15), "most SCIM and DI scenarios need no control API");
            Assert.That(first.Concat(second).SelectMany(r => r.Leftovers), Is.Empty);
        });
        Assert.That(await CountAsync("Users"), Is.Zero, "no user of either run is left in the SP");
        Assert.That(await CountAsync("Groups"), Is.Zero, "no group of either run is left in the SP");
    }

    private static async Task<int> CountAsync(string resource)
    {
        var scim = (await Catalogue.SpAsync(Target)).Target.Scim!;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", scim.Token);
        return JsonNode.Parse(await http.GetStringAsync(new Uri($"{scim.BaseUrl}/{resource}")))!["totalResults"]!.GetValue<int>();
    }
}
