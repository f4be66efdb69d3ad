namespace Conformance.Core;

/// <summary>An ordered, thread-safe record of what a scenario observed, readable per step by position.</summary>
public class Journal<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];

    public void Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
        }
    }

    public int Count
    {
        get { lock (_gate) { return _items.Count; } }
    }

    public IReadOnlyList<T> All
    {
        get { lock (_gate) { return [.. _items]; } }
    }

    public IReadOnlyList<T> Since(int position)
    {
        lock (_gate)
        {
            return [.. _items.Skip(position)];
        }
    }
}
