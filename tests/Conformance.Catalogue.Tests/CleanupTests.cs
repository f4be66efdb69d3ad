using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Conformance.Results;

namespace Conformance.Catalogue.Tests;

/// <summary>
/// A scenario leaves the SP as it found it: what it created is deleted through SCIM afterwards (unless --keep-data),
/// checked against the reference SP (scimmy) by asking its SCIM API, not its control API.
/// </summary>
public sealed class CleanupTests
{
    private const string Target = "reference-sp.yaml";

    private static async Task<int> CountAsync(string userName)
    {
        var scim = (await Catalogue.SpAsync(Target)).Target.Scim!;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", scim.Token);
        var filter = Uri.EscapeDataString($"userName eq \"{userName}\"");
        var page = JsonNode.Parse(await http.GetStringAsync(new Uri($"{scim.BaseUrl}/Users?filter={filter}")))!;
        return page["totalResults"]!.GetValue<int>();
    }

    [Test]
    public async Task AfterAScenario_TheSpHoldsNoneOfItsUsers()
    {
        var result = await Catalogue.RunAsync(Catalogue.Get("scim.mapping.default"), targetFile: Target);

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Passed), Catalogue.Describe(result));
        Assert.That(result.Leftovers, Is.Empty);
        Assert.That(result.CleanedUp, Is.GreaterThan(0));
        foreach (var user in result.Users)
        {
            Assert.That(await CountAsync(user), Is.Zero, user);
        }
    }

    [Test]
    public async Task WithKeepData_TheScenariosUsersStay()
    {
        var result = await Catalogue.RunAsync(Catalogue.Get("scim.mapping.default"), targetFile: Target, keepData: true);

        Assert.That(result.CleanedUp, Is.Zero);
        Assert.That(await CountAsync(result.Users[0]), Is.EqualTo(1), "kept for a person to look at");
    }

    [Test]
    public async Task WhenTheSpRefusesTheDeletes_WhatStaysIsListedAndTheVerdictIsUntouched()
    {
        var result = await Misbehaviour.WithFaultAsync("scim.mapping.default",
            new JsonObject { ["method"] = "DELETE", ["path"] = "/Users", ["kind"] = "status", ["status"] = 503, ["times"] = 0 });

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Passed), Catalogue.Describe(result));
        Assert.That(result.Leftovers, Is.Not.Empty);
        Assert.That(result.Leftovers, Has.All.Match("^Users/.+: DELETE answered 503: .+$"));
    }
}
