using System.Globalization;
using BlueJeans.Stub.Http;
using BlueJeans.Stub.Scim;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BlueJeans.Stub.Gateway;

/// <summary>
/// The faults waiting for SCIM requests. A request claims one use of the first fault that matches it when it arrives
/// (<see cref="Take"/>), so <see cref="StubFault.Times"/> holds exactly however many requests are in flight. A fault that
/// answers instead of the SP (a status, cut-off JSON) is a WireMock mapping of its own, built when the fault is armed
/// and chosen by <see cref="ClaimHeader"/>, which the gateway puts on the requests that claimed it; the faults that
/// change the SP's own answer (latency, content type, a dropped connection) are applied by the gateway around it.
/// </summary>
internal sealed class FaultInjector
{
    /// <summary>Set by the gateway alone: a client's own is removed first, so no caller can pick a fault.</summary>
    public const string ClaimHeader = "X-BlueJeans-Stub-Fault";

    /// <summary>Above the token's mapping: an injected fault answers whoever asks, as a failing proxy would.</summary>
    private const int Priority = ScimTokenMatcher.Priority - 1;

    private const string CutOffJson = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":1,\"Resources\":[{\"id\":";

    private readonly Lock _gate = new();
    private readonly List<Armed> _faults = [];
    private WireMockServer? _server;
    private int _armed;

    /// <summary>Null when the fault is usable, else why not.</summary>
    public static string? Validate(StubFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!FaultKinds.All.Contains(fault.Kind, StringComparer.Ordinal))
        {
            return $"kind must be one of {string.Join(", ", FaultKinds.All)}";
        }
        if (fault.Times < 0 || fault.DelayMs < 0 || fault.RetryAfterSeconds < 0)
        {
            return "times, delayMs and retryAfterSeconds cannot be negative";
        }
        if (fault.Status is { } status && (status < 400 || status > 599))
        {
            return "status must be an error status (400-599)";
        }
        return null;
    }

    /// <summary>The server the answering faults' mappings go to; set once, before the first fault.</summary>
    public void Attach(WireMockServer server) => _server = server;

    public void Add(StubFault fault)
    {
        var problem = Validate(fault);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(fault));
        }
        var armed = new Armed(fault, NormalisePath(fault.Path), $"fault-{Interlocked.Increment(ref _armed)}");
        if (AnswersInstead(fault.Kind))
        {
            MapAnswer(armed);
        }
        lock (_gate)
        {
            _faults.Add(armed);
        }
    }

    public void Clear()
    {
        Armed[] idle;
        lock (_gate)
        {
            foreach (var armed in _faults)
            {
                armed.Spent = true;
            }
            idle = [.. _faults.Where(a => a.InFlight == 0)];
            _faults.Clear();
        }
        foreach (var armed in idle)
        {
            Retire(armed);
        }
    }

    /// <summary>The fault this request gets, if any, with one use taken; <paramref name="scimPath"/> is relative to the SCIM base.</summary>
    public Armed? Take(string method, string scimPath)
    {
        lock (_gate)
        {
            foreach (var armed in _faults)
            {
                if (!armed.Matches(method, scimPath))
                {
                    continue;
                }
                if (armed.Fault.Times > 0 && ++armed.Used >= armed.Fault.Times)
                {
                    _faults.Remove(armed);
                    armed.Spent = true;
                }
                armed.InFlight++;
                return armed;
            }
            return null;
        }
    }

    /// <summary>
    /// A request that claimed <paramref name="armed"/> has been answered. A spent or cleared fault's mapping goes once the
    /// last request that claimed it is answered: an earlier claimer may still be on its way to WireMock's matching.
    /// </summary>
    public void Done(Armed armed)
    {
        ArgumentNullException.ThrowIfNull(armed);
        bool retire;
        lock (_gate)
        {
            retire = --armed.InFlight == 0 && armed.Spent;
        }
        if (retire)
        {
            Retire(armed);
        }
    }

    private void Retire(Armed armed)
    {
        if (AnswersInstead(armed.Fault.Kind))
        {
            _server?.DeleteMapping(armed.Id);
        }
    }

    /// <summary>Whether the fault is the whole answer (a mapping of its own) rather than a change to the SP's answer.</summary>
    public static bool AnswersInstead(string kind) => kind is FaultKinds.Status or FaultKinds.MalformedJson;

    private void MapAnswer(Armed armed)
    {
        var server = _server ?? throw new InvalidOperationException("The fault injector is not attached to the stub's server.");
        var fault = armed.Fault;
        var response = Response.Create().WithHeader("Content-Type", StubResponses.ScimContentType);
        if (fault.Kind == FaultKinds.MalformedJson)
        {
            // A fixed cut-off, not WithFault(MALFORMED_RESPONSE_CHUNK): its random bytes would make two runs differ.
            response.WithStatusCode(fault.Status ?? 200).WithBody(CutOffJson);
        }
        else
        {
            var status = fault.Status ?? 500;
            response.WithStatusCode(status).WithBody(ScimErrors.Body(status, null, $"Injected fault: {status}.").ToJsonString());
            if (fault.RetryAfterSeconds is { } seconds)
            {
                response.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
            }
        }
        server
            .Given(Request.Create().WithHeader(ClaimHeader, new ExactMatcher(armed.Claim)))
            .WithGuid(armed.Id)
            .AtPriority(Priority)
            .RespondWith(response);
    }

    private static string? NormalisePath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return null;
        }
        path = path.TrimEnd('/');
        return path.StartsWith(StubPaths.Base, StringComparison.OrdinalIgnoreCase) ? path[StubPaths.Base.Length..] : path;
    }

    internal sealed class Armed(StubFault fault, string? path, string claim)
    {
        /// <summary>The fault's own mapping, when it answers instead of the SP.</summary>
        public Guid Id { get; } = Guid.NewGuid();
        public StubFault Fault { get; } = fault;
        public int Used { get; set; }

        /// <summary>Its last use is taken, or it was cleared: no request will claim it again.</summary>
        public bool Spent { get; set; }

        /// <summary>Requests that claimed it and are not answered yet.</summary>
        public int InFlight { get; set; }

        /// <summary>The value of <see cref="ClaimHeader"/> on the requests that claimed this fault: fault-1, fault-2, … in arming order.</summary>
        public string Claim { get; } = claim;

        public bool Matches(string method, string scimPath) =>
            (string.IsNullOrEmpty(Fault.Method) || string.Equals(Fault.Method, method, StringComparison.OrdinalIgnoreCase))
            && (path is null
                || string.Equals(scimPath, path, StringComparison.OrdinalIgnoreCase)
                || scimPath.StartsWith(path + "/", StringComparison.OrdinalIgnoreCase));
    }
}
