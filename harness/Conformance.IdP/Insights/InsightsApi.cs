using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Insights;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Conformance.IdP.Insights;

/// <summary>
/// JumpCloud's Directory Insights API over the organisation's events (docs/directory-insights-api.md says where it
/// differs): <c>POST /insights/directory/v1/events</c> with cursor paging, <c>/events/count</c> and
/// <c>/events/distinct</c>. Behind the same <c>x-api-key</c> as the admin API.
/// </summary>
internal static class InsightsApi
{
    public const string Base = "/insights/directory/v1";

    public static void Map(WebApplication web, InsightsLog log)
    {
        web.MapPost($"{Base}/events", context => HandleAsync(context, (query, body) =>
        {
            var page = query.Page(log.Events);
            context.Response.Headers["X-Result-Count"] = page.Count.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Limit"] = query.Limit.ToString(CultureInfo.InvariantCulture);
            if (page.Count > 0)
            {
                context.Response.Headers["X-Search_after"] = EventQuery.CursorOf(page[^1]);
            }
            return new JsonArray([.. page.Select(e => (JsonNode)query.Project(e))]);
        }));
        web.MapPost($"{Base}/events/count", context => HandleAsync(context, (query, _) =>
            new JsonObject { ["count"] = query.Matching(log.Events).Count() }));
        web.MapPost($"{Base}/events/distinct", context => HandleAsync(context, (query, body) =>
        {
            var field = body["field"] is JsonValue f && f.TryGetValue<string>(out var name) && name.Length > 0
                ? name
                : throw new ArgumentException("field is required: the field whose distinct values to count, e.g. event_type");
            var buckets = query.Matching(log.Events)
                .Select(e => EventQuery.Field(EventQuery.JsonOf(e), field)?.ToJsonString() ?? "null")
                .GroupBy(v => v, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (JsonNode)new JsonObject { ["key"] = JsonNode.Parse(g.Key), ["doc_count"] = g.Count() });
            return new JsonObject { ["buckets"] = new JsonArray([.. buckets]) };
        }));
    }

    private static async Task HandleAsync(HttpContext context, Func<EventQuery, JsonObject, JsonNode> answer)
    {
        JsonNode? result;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            result = answer(EventQuery.Parse(body), body as JsonObject ?? []);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { message = ex.Message }).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
