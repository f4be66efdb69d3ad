using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Conformance.Bench.Reporting;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Insights;
using Conformance.Core.Saml;
using Conformance.IdP;

namespace Conformance.Bench.Figures;

/// <summary>
/// Figure 8: the Directory Insights API over 10,000 events, over HTTP as a customer's script calls it: the newest page,
/// a filtered page (search_term and), and a page deep in a search_after walk. Goal: a page in under 50 ms (issue 14).
/// </summary>
internal static class Insights
{
    private const string Group = "8 Directory Insights API, 10,000 events";
    private const int Events = 10_000;
    private const int PageSize = 100;
    private const double GoalMs = 50;
    private static readonly string[] AllServices = ["all"];

    private sealed class NoSink : ISamlMessageSink
    {
        public void Record(SamlMessageRecord message) { }
    }

    /// <summary>A clock that moves one second per reading, so that the events are spread over three hours.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);
    }

    public static async Task<IReadOnlyList<Figure>> MeasureAsync(BenchOptions options)
    {
        var log = new InsightsLog(new SteppingClock(), "org-bench");
        var app = new InsightsApplication("app0001", "BlueJeans", "BlueJeans");
        string[] types = ["user_create_provision", "user_update_provision", "user_deprovision", "group_update_provision", "user_lookup_provision"];
        for (var i = 0; i < Events; i++)
        {
            log.Log(types[i % types.Length], i % 17 != 0, new InsightsResource("user", $"u{i:D5}", Username: $"user{i:D5}"), app);
        }
        var directory = new JumpCloudDirectory();
        const string key = "bench-insights-key";
        await using var idp = await MockIdpServer.StartAsync(new MockIdpOptions
        {
            Directory = directory,
            Catalog = new ApplicationCatalog(directory),
            Sink = new NoSink(),
            Insights = log,
            ApiKey = key,
        });
        using var http = new HttpClient { BaseAddress = new Uri(idp.BaseUrl) };
        http.DefaultRequestHeaders.Add("x-api-key", key);

        object Query(object? searchTerm = null, object? after = null) => new Dictionary<string, object?>
        {
            ["service"] = AllServices,
            ["start_time"] = "2026-12-01T00:00:00Z",
            ["limit"] = PageSize,
            ["sort"] = "DESC",
            ["search_term"] = searchTerm,
            ["search_after"] = after,
        }.Where(p => p.Value is not null).ToDictionary();

        // The cursor of page 50 of the unfiltered walk: what a script holds halfway through the log.
        object? deep = null;
        for (var page = 0; page < 50; page++)
        {
            using var response = await http.PostAsJsonAsync("/insights/directory/v1/events", Query(after: deep));
            response.EnsureSuccessStatusCode();
            deep = System.Text.Json.Nodes.JsonNode.Parse(response.Headers.GetValues("X-Search_after").Single());
        }
        var cases = new (string Name, object Body)[]
        {
            ("newest page", Query()),
            ("filtered page (event_type and success)", Query(new { and = new object[] { new { event_type = "user_create_provision" }, new { success = false } } })),
            ("page 51 of a search_after walk", Query(after: deep)),
        };
        var figures = new List<Figure>();
        foreach (var (name, body) in cases)
        {
            var medians = new List<double>();
            for (var rep = 0; rep < options.Repetitions; rep++)
            {
                var samples = new List<double>();
                for (var call = 0; call < (options.Quick ? 10 : 40); call++)
                {
                    var clock = Stopwatch.StartNew();
                    using var response = await http.PostAsJsonAsync("/insights/directory/v1/events", body);
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync();
                    samples.Add(clock.Elapsed.TotalMilliseconds);
                }
                medians.Add(Stat.Of(samples).Median);
            }
            var value = Stat.Of(medians);
            figures.Add(new Figure
            {
                Group = Group,
                Name = $"{name}, {PageSize} events",
                Unit = "ms",
                Value = value,
                Goal = string.Create(CultureInfo.InvariantCulture, $"< {GoalMs} ms"),
                Met = value.Median < GoalMs,
                Note = "over HTTP on loopback, x-api-key checked, median call of each repetition",
            });
        }
        return figures;
    }
}
