using System.Globalization;
using Conformance.Bench.Reporting;
using Conformance.Browser;
using Conformance.Reporting;
using Conformance.Results;
using Microsoft.Playwright;

namespace Conformance.Bench.Figures;

/// <summary>
/// Figure 9: index.html of a thousand scenarios (issue 17): the default catalogue run once by the CLI, its scenarios
/// repeated under new ids up to 1,000 with all their evidence, written as a run folder and opened from disk in chromium.
/// Size of the file; open = navigation start to the page's "report-ready" mark (the list drawn, the filters read back);
/// search = a text typed into the filter until the next frame is painted.
/// </summary>
internal static class Report
{
    private const string Group = "9 HTML report, 1,000 scenarios";
    private const int Scenarios = 1_000;
    private static readonly string[] Queries = ["scim.user", "expected 400", "no such text anywhere", "nameid", "sso"];

    public static async Task<IReadOnlyList<Figure>> MeasureAsync(BenchOptions options)
    {
        var dll = await Cli.DllAsync(options);
        var work = Directory.CreateTempSubdirectory("bench-report-");
        try
        {
            // Quick runs leave the browser scenarios out of the source run: the same evidence kinds, a minute sooner.
            string[] selection = options.Quick ? ["--exclude-tag", "browser"] : [];
            await Cli.RunAsync(options.Root, "dotnet", [dll, "run", .. selection, "--seed", "9", "--out", Path.Combine(work.FullName, "source")]);
            var source = RunRecord.Read(new DirectoryInfo(Path.Combine(work.FullName, "source")).GetDirectories().Single(d => d.LinkTarget is null).FullName);
            var folder = RunFolder.Write(Thousand(source), Path.Combine(work.FullName, "large"));
            var html = Path.Combine(folder, "index.html");
            var megabytes = new FileInfo(html).Length / 1_000_000.0;

            var (playwright, browser) = await Chromium.LaunchAsync(Chromium.Path);
            try
            {
                var opens = new List<double>();
                var searches = new List<double>();
                for (var rep = 0; rep < options.Repetitions; rep++)
                {
                    var page = await browser.NewPageAsync();
                    await page.GotoAsync(new Uri(html).AbsoluteUri);
                    await page.WaitForSelectorAsync("html[data-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
                    opens.Add(await page.EvaluateAsync<double>("performance.getEntriesByName('report-ready')[0].startTime"));
                    searches.Add(await page.EvaluateAsync<double>(SearchScript, Queries[rep % Queries.Length]));
                    await page.CloseAsync();
                }
                return
                [
                    Figure.Under(Group, "size of index.html", "MB", new Stat(megabytes, megabytes, megabytes, 1), 10, "< 10 MB",
                        $"{source.Scenarios.Count} scenarios of a catalogue run{(options.Quick ? " without browser steps" : "")}, repeated to {Scenarios:N0}"),
                    Figure.Under(Group, "open from disk: navigation start → list drawn", "ms", Stat.Of(opens), 2_000, "< 2 s", null),
                    Figure.Under(Group, "text search: keystroke → next frame painted", "ms", Stat.Of(searches), 100, "< 100 ms", $"queries: {string.Join(", ", Queries)}"),
                ];
            }
            finally
            {
                await browser.CloseAsync();
                playwright.Dispose();
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Types the query into the filter and waits for the frame that shows its result.</summary>
    private const string SearchScript = """
        async query => {
          const box = document.getElementById('filter-text');
          const start = performance.now();
          box.value = query;
          box.dispatchEvent(new Event('input'));
          await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
          return performance.now() - start;
        }
        """;

    private static RunResult Thousand(RunResult source)
    {
        var copies = (Scenarios + source.Scenarios.Count - 1) / source.Scenarios.Count;
        var scenarios = Enumerable.Range(0, copies)
            .SelectMany(k => source.Scenarios.Select(s => s with { Id = string.Create(CultureInfo.InvariantCulture, $"{s.Id}.copy{k:D2}") }))
            .Take(Scenarios)
            .ToList();
        return source with { RunId = "report-bench", Scenarios = scenarios };
    }
}
