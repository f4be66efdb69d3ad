using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Conformance.Core.Directories;
using Conformance.Results;
using Conformance.Scenarios.Data;
using Conformance.Scenarios.Harness;
using Conformance.Scenarios.Model;

namespace Conformance.Catalogue.Tests;

/// <summary>
/// The SCIM and DI scenarios against the reference SP as deployed (mocks/targets/reference-sp-deployed.yaml: no control
/// API, so no reset between scenarios), on a tenant that already holds users and a group named as the scenarios name
/// theirs: run once, then twice at once in other namespaces, they give the same outcomes, none fails, and afterwards
/// the SP holds its own objects and nothing of any run, asked through its SCIM API.
/// </summary>
public sealed class LiveTenantTests
{
    private const string Target = "reference-sp-deployed.yaml";

    [Test]
    public async Task ScimAndDiScenarios_OnATenantWithData_RunAloneAndTwoAtOnce_AgreeFailNothingAndLeaveOnlyTheTenantsData()
    {
        var selection = Catalogue.Scenarios.Where(s => s.Area is Area.Scim or Area.Di).ToList();
        // What the tenant held before: the first generated user's name, the SP's own user the import scenarios seed,
        // and the group every SCIM scenario binds, all without a mark.
        string[] tenantUsers = [UserFactory.Generate(1, "en", 1)[0].Username, "bjn.native001"];
        using var admin = await AdminAsync();
        foreach (var userName in tenantUsers)
        {
            await CreateAsync(admin, "Users", new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User"), ["userName"] = userName, ["active"] = true });
        }
        await CreateAsync(admin, "Groups", new JsonObject { ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group"), ["displayName"] = "Video Users" });

        var alone = await RunAllAsync(selection, Catalogue.Mark("a1"));
        // Two runs at once are two IdPs (two CLI processes): each listens on its own free port.
        var target = (await Catalogue.SpAsync(Target)).Target;
        using var idpB = IdpIdentity.Resolve(target, Catalogue.Root, TimeProvider.System);
        using var idpC = IdpIdentity.Resolve(target, Catalogue.Root, TimeProvider.System);
        var together = await Task.WhenAll(RunAllAsync(selection, Catalogue.Mark("b2"), idpB), RunAllAsync(selection, Catalogue.Mark("c3"), idpC));

        Assert.Multiple(() =>
        {
            foreach (var other in together)
            {
                Assert.That(other.Select(r => (r.Id, r.Outcome)), Is.EqualTo(alone.Select(r => (r.Id, r.Outcome))), "no run meets another's objects or the tenant's");
            }
            var all = together.SelectMany(r => r).Concat(alone).ToList();
            Assert.That(all.Where(r => r.Outcome is not (Outcome.Passed or Outcome.Skipped or Outcome.Warning)).Select(Catalogue.Describe), Is.Empty);
            Assert.That(alone.Count(r => r.Outcome != Outcome.Skipped), Is.GreaterThanOrEqualTo(15), "most SCIM and DI scenarios need no control API");
            Assert.That(all.SelectMany(r => r.Leftovers), Is.Empty);
        });
        Assert.That(await NamesAsync(admin, "Users", "userName"), Is.EquivalentTo(tenantUsers), "the tenant's own users stay, nothing of any run is left");
        Assert.That(await NamesAsync(admin, "Groups", "displayName"), Is.EquivalentTo(new[] { "Video Users" }), "the tenant's own group stays, nothing of any run is left");
    }

    private static async Task<List<ScenarioResult>> RunAllAsync(IReadOnlyList<Scenario> selection, RunNamespace ns, IdpIdentity? idp = null)
    {
        var results = new List<ScenarioResult>();
        foreach (var scenario in selection)
        {
            results.Add(await Catalogue.RunAsync(scenario, targetFile: Target, ns: ns, idp: idp));
        }
        return results;
    }

    private static async Task<HttpClient> AdminAsync()
    {
        var scim = (await Catalogue.SpAsync(Target)).Target.Scim!;
        var http = new HttpClient { BaseAddress = new Uri(scim.BaseUrl.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", scim.Token);
        return http;
    }

    private static async Task CreateAsync(HttpClient admin, string resource, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/scim+json");
        using var response = await admin.PostAsync(new Uri(resource, UriKind.Relative), content);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<string>> NamesAsync(HttpClient admin, string resource, string attribute)
    {
        var page = JsonNode.Parse(await admin.GetStringAsync(new Uri($"{resource}?count=1000", UriKind.Relative)))!;
        return [.. (page["Resources"]?.AsArray() ?? []).Select(r => r![attribute]!.GetValue<string>())];
    }
}
