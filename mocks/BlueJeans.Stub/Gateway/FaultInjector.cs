namespace BlueJeans.Stub.Gateway;

/// <summary>The faults waiting for SCIM requests. Each matching request consumes one use of the first fault that matches.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Armed> _faults = [];

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

    public void Add(StubFault fault)
    {
        var problem = Validate(fault);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(fault));
        }
        lock (_gate)
        {
            _faults.Add(new Armed(fault, NormalisePath(fault.Path)));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>The fault this request gets, if any; <paramref name="scimPath"/> is relative to the SCIM base.</summary>
    public StubFault? Take(string method, string scimPath)
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
                }
                return armed.Fault;
            }
            return null;
        }
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

    private sealed class Armed(StubFault fault, string? path)
    {
        public StubFault Fault { get; } = fault;
        public int Used { get; set; }

        public bool Matches(string method, string scimPath) =>
            (string.IsNullOrEmpty(Fault.Method) || string.Equals(Fault.Method, method, StringComparison.OrdinalIgnoreCase))
            && (path is null
                || string.Equals(scimPath, path, StringComparison.OrdinalIgnoreCase)
                || scimPath.StartsWith(path + "/", StringComparison.OrdinalIgnoreCase));
    }
}
