using System.Globalization;
using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Conformance.Results;

namespace Conformance.Reporting;

/// <summary>har/&lt;scenario&gt;.har: HAR 1.2 of every exchange, already redacted on capture; opens in browser devtools.</summary>
public static class HarWriter
{
    public static void WriteAll(RunResult run, string folder)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var scenario in run.Scenarios)
        {
            var exchanges = scenario.Steps.SelectMany(s => s.Evidence.Exchanges).ToList();
            RunFolder.WriteText(folder, $"har/{RunFolder.FileName(scenario.Id)}.har", Render(exchanges, run.HarnessVersion).ToJsonString(ReportJson.Options));
        }
    }

    public static JsonObject Render(IReadOnlyList<HttpExchange> exchanges, string harnessVersion)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        return new JsonObject
        {
            ["log"] = new JsonObject
            {
                ["version"] = "1.2",
                ["creator"] = new JsonObject { ["name"] = "conformance-suite", ["version"] = harnessVersion },
                ["pages"] = new JsonArray(),
                ["entries"] = new JsonArray([.. exchanges.Select(Entry)]),
            },
        };
    }

    private static JsonObject Entry(HttpExchange e)
    {
        var uri = Uri.TryCreate(e.Url, UriKind.Absolute, out var parsed) ? parsed : null;
        var requestType = Header(e.RequestHeaders, "Content-Type") ?? "application/octet-stream";
        var responseType = Header(e.ResponseHeaders, "Content-Type") ?? "";
        var request = new JsonObject
        {
            ["method"] = e.Method,
            ["url"] = e.Url,
            ["httpVersion"] = "HTTP/1.1",
            ["cookies"] = new JsonArray(),
            ["headers"] = Headers(e.RequestHeaders),
            ["queryString"] = new JsonArray([.. Query(uri)]),
            ["headersSize"] = -1,
            ["bodySize"] = e.RequestBody?.Length ?? 0,
        };
        if (e.RequestBody is not null)
        {
            request["postData"] = new JsonObject { ["mimeType"] = requestType, ["text"] = e.RequestBody };
        }
        var entry = new JsonObject
        {
            ["startedDateTime"] = e.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["time"] = Math.Round(e.Duration.TotalMilliseconds, 3),
            ["request"] = request,
            ["response"] = new JsonObject
            {
                ["status"] = e.Status,
                ["statusText"] = e.StatusText,
                ["httpVersion"] = "HTTP/1.1",
                ["cookies"] = new JsonArray(),
                ["headers"] = Headers(e.ResponseHeaders),
                ["content"] = new JsonObject
                {
                    ["size"] = e.ResponseBody?.Length ?? 0,
                    ["mimeType"] = responseType,
                    ["text"] = e.ResponseBody ?? "",
                },
                ["redirectURL"] = Header(e.ResponseHeaders, "Location") ?? "",
                ["headersSize"] = -1,
                ["bodySize"] = e.ResponseBody?.Length ?? -1,
            },
            ["cache"] = new JsonObject(),
            ["timings"] = new JsonObject { ["send"] = 0, ["wait"] = Math.Round(e.Duration.TotalMilliseconds, 3), ["receive"] = 0 },
            ["_channel"] = e.Channel,
        };
        if (e.Error is not null)
        {
            entry["_error"] = e.Error;
        }
        return entry;
    }

    private static JsonArray Headers(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new([.. headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Key, ["value"] = h.Value })]);

    private static string? Header(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static IEnumerable<JsonNode> Query(Uri? uri)
    {
        if (uri is null || uri.Query.Length <= 1)
        {
            yield break;
        }
        foreach (var pair in uri.Query[1..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            yield return new JsonObject
            {
                ["name"] = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]),
                ["value"] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' ')),
            };
        }
    }
}
