using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Core.Http;
using Conformance.Scim;

namespace Conformance.Scenarios.Running;

/// <summary>
/// After a scenario (passed, failed, errored or interrupted), deletes through SCIM every user and group the scenario
/// created in the SP — what the IdP pushed and what sp.seed made — so a live tenant is left as it was found and the
/// next scenario or run does not meet this one's data. What cannot be removed is reported, never hidden.
/// </summary>
internal static class ScimCleanup
{
    public const string Channel = Channels.Cleanup;

    public sealed record Result(int Removed, IReadOnlyList<string> Leftovers);

    public static async Task<Result> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        if (context.Target.Scim is null)
        {
            return new Result(0, []);
        }
        var created = Created(context.Exchanges.All);
        if (created.Count == 0)
        {
            return new Result(0, []);
        }
        using var http = context.SpScimClient(Channel);
        var removed = 0;
        var leftovers = new List<string>();
        async ValueTask DeleteAsync(Resource resource, CancellationToken token)
        {
            var what = $"{resource.Kind}/{resource.Id} ({resource.Name})";
            string? problem;
            try
            {
                await http.SendAsync(HttpMethod.Delete, $"/{resource.Kind}/{Uri.EscapeDataString(resource.Id)}", null, token).ConfigureAwait(false);
                problem = null;
            }
            catch (ScimRequestException failed)
            {
                // RFC 7644 3.6: 204 on success; 404 means it is gone already (the scenario deleted it itself).
                problem = failed.Status switch
                {
                    404 => null,
                    0 => $"DELETE got no answer: {failed.Message}",
                    var status => $"DELETE answered {status}: {failed.Message}",
                };
            }
            lock (leftovers)
            {
                if (problem is null)
                {
                    removed++;
                }
                else
                {
                    leftovers.Add($"{what}: {problem}");
                }
            }
        }
        // Groups first: a group that still lists a user is the SP's to keep consistent, not ours to race. Users then go
        // a few at a time, as an admin's bulk delete would, so a thousand-user scenario does not wait on each one.
        foreach (var group in created.Where(c => c.Kind == "Groups").Reverse())
        {
            await DeleteAsync(group, cancellationToken).ConfigureAwait(false);
        }
        await Parallel.ForEachAsync(created.Where(c => c.Kind == "Users"), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, DeleteAsync).ConfigureAwait(false);
        leftovers.Sort(StringComparer.Ordinal);
        return new Result(removed, leftovers);
    }

    private sealed record Resource(string Kind, string Id, string Name);

    /// <summary>Every SCIM resource a POST of this scenario created (201 with an id), in creation order.</summary>
    private static List<Resource> Created(IReadOnlyList<HttpExchange> exchanges)
    {
        var created = new List<Resource>();
        foreach (var exchange in exchanges.Where(e => e.Method == "POST" && e.Status == 201 && e.Channel != Channel))
        {
            var path = Uri.TryCreate(exchange.Url, UriKind.Absolute, out var url) ? url.AbsolutePath.TrimEnd('/') : "";
            var kind = path.EndsWith("/Users", StringComparison.Ordinal) ? "Users" : path.EndsWith("/Groups", StringComparison.Ordinal) ? "Groups" : null;
            if (kind is null || exchange.ResponseBody is not { Length: > 0 } body)
            {
                continue;
            }
            try
            {
                if (JsonNode.Parse(body) is JsonObject json && json["id"]?.GetValue<string>() is { Length: > 0 } id)
                {
                    var name = json["userName"]?.GetValue<string>() ?? json["displayName"]?.GetValue<string>() ?? id;
                    created.Add(new Resource(kind, id, name));
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Not a SCIM resource: nothing we can name to delete.
            }
        }
        return [.. created.DistinctBy(c => (c.Kind, c.Id))];
    }
}
