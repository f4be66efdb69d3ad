using System.Collections.Concurrent;

namespace BlueJeans.Stub;

/// <summary>Which of <see cref="StubDefences"/> are on; all start on.</summary>
internal sealed class DefenceSet
{
    private readonly ConcurrentDictionary<string, bool> _enabled = new(StringComparer.Ordinal);

    public DefenceSet() => Reset();

    public bool IsOn(string name) => _enabled.TryGetValue(name, out var on) && on;

    /// <summary>False when <paramref name="name"/> is not a defence of the stub.</summary>
    public bool Set(string name, bool enabled)
    {
        if (!StubDefences.All.Contains(name, StringComparer.Ordinal))
        {
            return false;
        }
        _enabled[name] = enabled;
        return true;
    }

    public void Reset()
    {
        foreach (var name in StubDefences.All)
        {
            _enabled[name] = true;
        }
    }
}
