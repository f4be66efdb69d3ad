using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Insights;
using Conformance.IdP.Tests.Admin;
using Microsoft.Extensions.Time.Testing;

namespace Conformance.IdP.Tests.Insights;

/// <summary>The Directory Insights API as JumpCloud's clients call it: a query, cursor paging, count and distinct.</summary>
public class InsightsApiTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Five events a minute apart: user creates for ada, bob, cy (cy's failed), a group create, an IdM activation.</summary>
    private static async Task<MockIdpServer> StartAsync()
    {
        var time = new FakeTimeProvider(Start);
        var log = new InsightsLog(time, "org-test");
        var app = new InsightsApplication("app1", "BlueJeans", "BlueJeans Video");
        foreach (var (type, success, resource) in new[]
        {
            ("user_create_provision", true, new InsightsResource("user", "u1", Username: "ada")),
            ("user_create_provision", true, new InsightsResource("user", "u2", Username: "bob")),
            ("user_create_provision", false, new InsightsResource("user", "u3", Username: "cy")),
            ("group_create_provision", true, new InsightsResource("group", "g1", DisplayName: "Video Users")),
            ("idm_integration_activate", true, new InsightsResource("application", "app1")),
        })
        {
            log.Log(type, success, resource, app);
            time.Advance(TimeSpan.FromMinutes(1));
        }
        var directory = new JumpCloudDirectory();
        return await MockIdpServer.StartAsync(new MockIdpOptions
        {
            Directory = directory,
            Catalog = new ApplicationCatalog(directory),
            Sink = new AdminApiTests.NullSink(),
            Time = time,
            Insights = log,
        });
    }

    private static Dictionary<string, object?> Query(int? limit = null, object? searchAfter = null, string sort = "DESC", object? searchTerm = null) => new Dictionary<string, object?>
    {
        ["service"] = new[] { "all" },
        ["start_time"] = "2026-12-01T00:00:00Z",
        ["sort"] = sort,
        ["limit"] = limit,
        ["search_after"] = searchAfter,
        ["search_term"] = searchTerm,
    }.Where(p => p.Value is not null).ToDictionary();

    [Test]
    public async Task Events_PagedWithSearchAfter_GivesEveryEventOnceNewestFirst()
    {
        await using var idp = await StartAsync();
        using var http = AdminApiTests.Client(idp);
        var ids = new List<string>();
        var counts = new List<string>();
        object? cursor = null;
        while (true)
        {
            using var page = await http.PostAsJsonAsync("/insights/directory/v1/events", Query(limit: 2, searchAfter: cursor));
            page.EnsureSuccessStatusCode();
            var events = (await page.Content.ReadFromJsonAsync<JsonArray>())!;
            ids.AddRange(events.Select(e => e!["id"]!.GetValue<string>()));
            counts.Add(page.Headers.GetValues("X-Result-Count").Single());
            if (events.Count < int.Parse(page.Headers.GetValues("X-Limit").Single(), System.Globalization.CultureInfo.InvariantCulture))
            {
                break;
            }
            cursor = JsonNode.Parse(page.Headers.GetValues("X-Search_after").Single());
        }

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { "di-000005", "di-000004", "di-000003", "di-000002", "di-000001" }));
            Assert.That(counts, Is.EqualTo(new[] { "2", "2", "1" }));
        });
    }

    [Test]
    public async Task Events_WithSearchTerms_MatchEveryAndFieldAndAnyOrValue()
    {
        await using var idp = await StartAsync();
        using var http = AdminApiTests.Client(idp);

        using var answer = await http.PostAsJsonAsync("/insights/directory/v1/events", Query(sort: "ASC", searchTerm: new
        {
            and = new Dictionary<string, object> { ["event_type"] = "user_create_provision", ["success"] = true },
            or = new Dictionary<string, object> { ["resource.username"] = new[] { "bob", "cy", "ada" } },
        }));
        var events = (await answer.Content.ReadFromJsonAsync<JsonArray>())!;

        Assert.That(events.Select(e => e!["resource"]!["username"]!.GetValue<string>()), Is.EqualTo(new[] { "ada", "bob" }));
    }

    [Test]
    public async Task CountAndDistinct_SummariseTheMatchingEvents()
    {
        await using var idp = await StartAsync();
        using var http = AdminApiTests.Client(idp);

        using var count = await http.PostAsJsonAsync("/insights/directory/v1/events/count", Query(searchTerm: new { and = new { success = true } }));
        using var distinct = await http.PostAsJsonAsync("/insights/directory/v1/events/distinct", new { service = new[] { "all" }, start_time = "2026-12-01T00:00:00Z", field = "event_type" });
        var buckets = (await distinct.Content.ReadFromJsonAsync<JsonObject>())!["buckets"]!.AsArray();

        Assert.Multiple(async () =>
        {
            Assert.That((await count.Content.ReadFromJsonAsync<JsonObject>())!["count"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(buckets[0]!["key"]!.GetValue<string>(), Is.EqualTo("user_create_provision"));
            Assert.That(buckets[0]!["doc_count"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(buckets, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Events_WithATimeWindow_KeepOnlyEventsInsideIt()
    {
        await using var idp = await StartAsync();
        using var http = AdminApiTests.Client(idp);

        using var answer = await http.PostAsJsonAsync("/insights/directory/v1/events", new { service = new[] { "sso" }, start_time = "2026-12-01T09:01:00Z", end_time = "2026-12-01T09:02:00Z" });
        var events = (await answer.Content.ReadFromJsonAsync<JsonArray>())!;

        Assert.That(events.Select(e => e!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "di-000003", "di-000002" }));
    }

    [TestCase("{\"start_time\":\"2026-12-01T00:00:00Z\"}", "service is required")]
    [TestCase("{\"service\":[\"all\"]}", "start_time is required")]
    [TestCase("{\"service\":[\"all\"],\"start_time\":\"yesterday\"}", "start_time must be an RFC 3339 time")]
    [TestCase("{\"service\":[\"all\"],\"start_time\":\"2026-12-01T00:00:00Z\",\"limit\":0}", "limit must be a whole number from 1 to 10000")]
    [TestCase("{\"service\":[\"all\"],\"start_time\":\"2026-12-01T00:00:00Z\",\"sort\":\"UP\"}", "sort must be ASC or DESC")]
    [TestCase("{\"service\":[\"all\"],\"start_time\":\"2026-12-01T00:00:00Z\",\"search_after\":\"x\"}", "search_after must be the X-Search_after value")]
    [TestCase("not json", "")]
    public async Task Events_WithABadQuery_Answers400NamingTheField(string body, string message)
    {
        await using var idp = await StartAsync();
        using var http = AdminApiTests.Client(idp);

        using var answer = await http.PostAsync("/insights/directory/v1/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Multiple(async () =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain(message));
        });
    }

    [Test]
    public async Task Events_WithoutTheApiKey_Answers401()
    {
        await using var idp = await StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(idp.BaseUrl) };

        using var answer = await http.PostAsJsonAsync("/insights/directory/v1/events", Query());

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
