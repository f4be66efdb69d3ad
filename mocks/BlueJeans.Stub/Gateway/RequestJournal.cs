namespace BlueJeans.Stub.Gateway;

/// <summary>Requests that reached SCIM or the ACS, in arrival order. Entries are added on arrival and get their status when the answer starts.</summary>
internal sealed class RequestJournal
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    public Entry Begin(string method, string path, string query, string body, DateTimeOffset at)
    {
        var entry = new Entry(method, path, query, body, at);
        lock (_gate)
        {
            _entries.Add(entry);
        }
        return entry;
    }

    public IReadOnlyList<JournalEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Select(e => new JournalEntry(e.Method, e.Path, e.Query, e.Status, e.Body, e.At))];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal sealed class Entry(string method, string path, string query, string body, DateTimeOffset at)
    {
        private int _status;

        public string Method { get; } = method;
        public string Path { get; } = path;
        public string Query { get; } = query;
        public string Body { get; } = body;
        public DateTimeOffset At { get; } = at;

        public int Status
        {
            get => Volatile.Read(ref _status);
            set => Volatile.Write(ref _status, value);
        }
    }
}
