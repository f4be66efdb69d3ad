using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Conformance.Core.Directories;
using Conformance.Scim.Mapping;
using Conformance.Scim.Transport;

namespace Conformance.Bench.Scim;

/// <summary>
/// The transport ceiling: a bare <see cref="HttpClient"/> loop sending the engine's exact requests (same lookup
/// filter, same create body, same headers) with the same concurrency, and nothing else: no mapping diff, no
/// retries, no DI events, no capture.
/// </summary>
internal sealed class RawScimClient : IDisposable
{
    private const string ScimMediaType = "application/scim+json";

    private readonly HttpClient _http;
    private readonly string _base;
    private readonly int _concurrency;

    public RawScimClient(Uri scimBaseUrl, string token, int concurrency)
    {
        _base = scimBaseUrl.AbsoluteUri.TrimEnd('/');
        _concurrency = concurrency;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimMediaType));
    }

    /// <summary>The create bodies, built before timing starts: the raw loop only sends.</summary>
    public static IReadOnlyList<(string UserName, string Body)> Bodies(IReadOnlyList<DirectoryUser> users)
    {
        var mapping = new UserMapping();
        return [.. users.Select(u => (u.Username, mapping.Resource(u, null).ToJsonString()))];
    }

    /// <summary>Lookup then create for each user, <c>concurrency</c> users in flight.</summary>
    public Task PushAsync(IReadOnlyList<(string UserName, string Body)> users)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, _concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < users.Count; i = Interlocked.Increment(ref next))
            {
                await LookupAsync(users[i].UserName);
                await CreateAsync(users[i].Body);
            }
        }));
    }

    /// <summary>
    /// Figure 6: for <paramref name="duration"/>, a mix of lookups (of <paramref name="known"/> users) and creates
    /// (of fresh ones, one in <paramref name="createEvery"/>); the latency of every request.
    /// </summary>
    public async Task<(int Requests, double Seconds, List<double> LatenciesMs)> MixAsync(
        IReadOnlyList<string> known, Func<int, string> freshBody, int createEvery, TimeSpan duration)
    {
        var latencies = new List<double>[_concurrency];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, _concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref next);
                var started = Stopwatch.GetTimestamp();
                await (n % createEvery == 0 ? CreateAsync(freshBody(n)) : LookupAsync(known[n % known.Count]));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count, clock.Elapsed.TotalSeconds, all);
    }

    public void Dispose() => _http.Dispose();

    private async Task LookupAsync(string userName)
    {
        using var response = await _http.GetAsync(_base + "/Users" + ScimFilter.Equal("userName", userName));
        await Check(response);
    }

    private async Task CreateAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, ScimMediaType);
        using var response = await _http.PostAsync(_base + "/Users", content);
        await Check(response);
    }

    private static async Task Check(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The SP answered {(int)response.StatusCode}: {text}");
        }
    }
}
