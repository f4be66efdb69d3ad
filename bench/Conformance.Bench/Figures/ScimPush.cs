using BlueJeans.Stub;
using Conformance.Bench.Reporting;
using Conformance.Bench.Scim;
using Conformance.Core.Directories;
using Conformance.Scim;

namespace Conformance.Bench.Figures;

/// <summary>
/// Figure 2: the whole engine against a raw HttpClient loop sending the same requests with the same concurrency,
/// to the embedded BlueJeans stub and to a minimal Kestrel endpoint. Figure 6: the stub under a lookup/create mix.
/// </summary>
internal static class ScimPush
{
    private const string Group = "2 SCIM push";
    private static readonly int Concurrency = new ScimEngineOptions().Concurrency;

    public static async Task<IReadOnlyList<Figure>> MeasureAsync(BenchOptions options)
    {
        var users = Organisation.Users(options.PushUsers);
        var bodies = RawScimClient.Bodies(users);
        var stubUsers = users.Take(options.StubPushUsers).ToList();
        var stubBodies = bodies.Take(options.StubPushUsers).ToList();
        var figures = new List<Figure>();

        await using var stub = await BlueJeansStub.StartAsync(new BlueJeansStubOptions { Port = 0 });
        var onStub = new Target("BlueJeans stub (WireMock)", new Uri(stub.ScimBaseUrl), stub.GenerateToken(), stub.Reset);
        Progress($"engine and raw loop → stub, {stubUsers.Count:N0} users");
        var (engine, raw, _) = await SideBySideAsync(onStub, stubUsers, stubBodies, options, withoutHar: false);
        figures.AddRange(Rows(onStub.Name, engine, raw, stubUsers.Count, goal: null));
        Progress("stub under a lookup/create mix");
        figures.AddRange(await StubLoadAsync(onStub, users, options));

        await using var endpoint = await MinimalScimEndpoint.StartAsync("bench-token-kestrel");
        var onKestrel = new Target("minimal Kestrel endpoint", endpoint.BaseUrl, endpoint.Token, endpoint.Clear);
        Progress($"raw loop → Kestrel, {stubUsers.Count:N0} users (the stub's yardstick)");
        var rawKestrelAtStubCount = await RawOnlyAsync(onKestrel, stubBodies, options);
        using var bare = new BareWireMockEndpoint("bench-token-wiremock");
        Progress($"raw loop → one WireMock.Net callback, {stubUsers.Count:N0} users (WireMock's own share)");
        var rawBareAtStubCount = await RawOnlyAsync(new Target("bare WireMock.Net", bare.BaseUrl, bare.Token, bare.Clear), stubBodies, options);
        Progress($"engine and raw loop → Kestrel, {users.Count:N0} users");
        var (kestrelEngine, kestrelRaw, noHar) = await SideBySideAsync(onKestrel, users, bodies, options, withoutHar: true);
        figures.AddRange(Rows(onKestrel.Name, kestrelEngine, kestrelRaw, users.Count, goal: 0.80));
        figures.Add(Allocated($"engine with HAR → {onKestrel.Name}", kestrelEngine, users.Count,
            "diagnostic: every thread of the process during the push, the SP's own included"));
        figures.Add(Allocated($"raw loop → {onKestrel.Name}", kestrelRaw, users.Count,
            "diagnostic: the same requests with nothing but the transport; the engine's own share is the difference"));
        figures.Add(new Figure
        {
            Group = Group,
            Name = $"engine with HAR capture off → {onKestrel.Name}, {users.Count:N0} users",
            Unit = "users/s",
            Value = Stat.Of([.. noHar.Select(r => users.Count / r.Seconds)]),
            RatioTo = "raw loop",
            Ratio = Stat.Of([.. noHar.Zip(kestrelRaw, (e, r) => r.Seconds / e.Seconds)]),
            Note = "diagnostic: what the journal's capture costs the engine",
        });
        var stubCost = Stat.Of([.. raw.Zip(rawKestrelAtStubCount, (s, k) => k.Seconds / s.Seconds)]);
        figures.Add(new Figure
        {
            Group = Group,
            Name = $"what the stub costs: raw loop on the stub vs on Kestrel, {stubUsers.Count:N0} users each",
            Unit = "ratio",
            Value = stubCost,
            Goal = "≥ 0.40",
            Met = stubCost.Median >= 0.40,
            Note = "raw users/s against the stub ÷ raw users/s against the minimal Kestrel endpoint",
        });
        figures.Add(new Figure
        {
            Group = Group,
            Name = $"what WireMock.Net costs: raw loop on one callback mapping vs on Kestrel, {stubUsers.Count:N0} users each",
            Unit = "ratio",
            Value = Stat.Of([.. rawBareAtStubCount.Zip(rawKestrelAtStubCount, (w, k) => k.Seconds / w.Seconds)]),
            Note = "diagnostic: the minimal endpoint's answers from a single WireMock.Net callback, with the stub's settings; "
                + "the stub's own mappings (WireMock matches and orders every mapping for each request), journal and store are the rest",
        });
        return figures;
    }

    private static Figure Allocated(string who, List<Push> pushes, int users, string note) => new()
    {
        Group = Group,
        Name = $"allocated per pushed user, {who}, {users:N0} users",
        Unit = "KB/user",
        Value = Stat.Of([.. pushes.Select(p => p.Bytes / users / 1024)]),
        Note = note,
    };

    private static void Progress(string step) => Console.WriteLine($"        {step}");

    private static async Task<List<Push>> RawOnlyAsync(Target target, IReadOnlyList<(string UserName, string Body)> bodies, BenchOptions options)
    {
        using var raw = new RawScimClient(target.BaseUrl, target.Token, Concurrency);
        var pushes = new List<Push>();
        for (var rep = 0; rep < options.Repetitions; rep++)
        {
            target.Reset();
            pushes.Add(await Push.MeasureAsync(() => raw.PushAsync(bodies)));
        }
        return pushes;
    }

    /// <summary>Each push of every user, engine and raw loop alternating in each repetition.</summary>
    private static async Task<(List<Push> Engine, List<Push> Raw, List<Push> EngineWithoutHar)> SideBySideAsync(
        Target target, IReadOnlyList<DirectoryUser> users, IReadOnlyList<(string UserName, string Body)> bodies, BenchOptions options, bool withoutHar)
    {
        using var raw = new RawScimClient(target.BaseUrl, target.Token, Concurrency);
        // Warm-up: JIT, connection pools and the SP's own first-request costs stay out of the timings.
        target.Reset();
        await EnginePushAsync(target, users.Take(200).ToList());
        target.Reset();
        await raw.PushAsync([.. bodies.Take(200)]);
        var engine = new List<Push>();
        var rawPushes = new List<Push>();
        var noHar = new List<Push>();
        for (var rep = 0; rep < options.Repetitions; rep++)
        {
            target.Reset();
            engine.Add(await EnginePushAsync(target, users));
            target.Reset();
            rawPushes.Add(await Push.MeasureAsync(() => raw.PushAsync(bodies)));
            if (withoutHar)
            {
                target.Reset();
                noHar.Add(await EnginePushAsync(target, users, captureHar: false));
            }
        }
        return (engine, rawPushes, noHar);
    }

    private static async Task<Push> EnginePushAsync(Target target, IReadOnlyList<DirectoryUser> users, bool captureHar = true)
    {
        await using var organisation = await Organisation.ActivatedAsync(users, target.BaseUrl, target.Token, captureHar);
        var push = await Push.MeasureAsync(organisation.PushAllAsync);
        if (organisation.Created != users.Count)
        {
            throw new InvalidOperationException($"{target.Name}: the engine created {organisation.Created} of {users.Count} users.");
        }
        return push;
    }

    private static IReadOnlyList<Figure> Rows(string target, List<Push> engine, List<Push> raw, int users, double? goal)
    {
        var ratio = Stat.Of([.. engine.Zip(raw, (e, r) => r.Seconds / e.Seconds)]);
        return
        [
            new Figure
            {
                Group = Group,
                Name = $"raw HttpClient loop → {target}, {users:N0} users",
                Unit = "users/s",
                Value = Stat.Of([.. raw.Select(r => users / r.Seconds)]),
            },
            new Figure
            {
                Group = Group,
                Name = $"engine (lookup + create, mapping, DI, HAR) → {target}, {users:N0} users",
                Unit = "users/s",
                Value = Stat.Of([.. engine.Select(r => users / r.Seconds)]),
                RatioTo = "raw loop",
                Ratio = ratio,
                Goal = goal is { } g ? $"≥ {g:P0} of the raw loop" : null,
                Met = goal is { } bar ? ratio.Median >= bar : null,
            },
        ];
    }

    /// <summary>Figure 6: 4 lookups to 1 create at the engine's concurrency, for a fixed window per repetition.</summary>
    private static async Task<IReadOnlyList<Figure>> StubLoadAsync(Target target, IReadOnlyList<DirectoryUser> users, BenchOptions options)
    {
        using var raw = new RawScimClient(target.BaseUrl, target.Token, Concurrency);
        var known = users.Take(1000).ToList();
        var mapping = new Conformance.Scim.Mapping.UserMapping();
        var template = known[0];
        var rates = new List<double>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        for (var rep = 0; rep < options.Repetitions; rep++)
        {
            target.Reset();
            await raw.PushAsync(RawScimClient.Bodies(known));
            var (requests, seconds, latencies) = await raw.MixAsync(
                [.. known.Select(u => u.Username)],
                n => mapping.Resource(template with { Id = $"load-{rep}-{n}", Username = $"load.{rep}.{n}", Email = $"load.{rep}.{n}@example.test" }, null).ToJsonString(),
                createEvery: 5,
                options.LoadWindow);
            latencies.Sort();
            rates.Add(requests / seconds);
            p50.Add(latencies[latencies.Count / 2]);
            p99.Add(latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))]);
        }
        const string group = "6 Stub SP under load";
        var mix = $"80% lookups / 20% creates, {Concurrency} in flight, {options.LoadWindow.TotalSeconds:0.#} s per repetition";
        return
        [
            new Figure { Group = group, Name = "BlueJeans stub throughput", Unit = "requests/s", Value = Stat.Of(rates), Note = mix },
            new Figure { Group = group, Name = "BlueJeans stub latency p50", Unit = "ms", Value = Stat.Of(p50) },
            new Figure { Group = group, Name = "BlueJeans stub latency p99", Unit = "ms", Value = Stat.Of(p99) },
        ];
    }

    private sealed record Target(string Name, Uri BaseUrl, string Token, Action Reset);

    /// <summary>One push: its wall time and what the whole process allocated meanwhile (the SP in it included).</summary>
    private sealed record Push(double Seconds, double Bytes)
    {
        public static async Task<Push> MeasureAsync(Func<Task> push)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var seconds = await Repeat.SecondsAsync(push);
            return new Push(seconds, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
    }
}
