namespace Conformance.Scim.Provisioning;

/// <summary>
/// The organisation's asynchronous work: at most <c>concurrency</c> items run at once, items with the same key run
/// in the order they were queued (a user's create before its update), and an item may also wait for other keys
/// (a group's membership after its members' creates).
/// </summary>
internal sealed class PushQueue(int concurrency) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly List<Exception> _crashes = [];
    private TaskCompletionSource _idle = Idle();
    private int _pending;

    /// <param name="key">The resource the work is about; same-key work is serialised.</param>
    /// <param name="after">Other keys whose queued work must finish first.</param>
    /// <param name="work">Must report its own failures (DI events); anything it throws is a harness crash.</param>
    public void Enqueue(string key, IEnumerable<string> after, Func<Task> work)
    {
        lock (_gate)
        {
            var prior = Prior(key, after);
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            var tail = RunAsync(prior, work);
            _tails[key] = tail;
            // A finished tail orders nothing: dropping it keeps the map at the work in flight, not every key ever
            // pushed (100,000 users would hold 100,000 finished tasks until the organisation goes).
            tail.ContinueWith(done => Forget(key, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>The queued work this item waits for; most items wait for nothing but their own key's.</summary>
    private Task[] Prior(string key, IEnumerable<string> after)
    {
        if (after is ICollection<string> { Count: 0 })
        {
            return _tails.TryGetValue(key, out var tail) ? [tail] : [];
        }
        return [.. after.Append(key).Distinct(StringComparer.Ordinal).Select(k => _tails.GetValueOrDefault(k)).OfType<Task>()];
    }

    private void Forget(string key, Task done)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(key, out var tail) && ReferenceEquals(tail, done))
            {
                _tails.Remove(key);
            }
        }
    }

    /// <summary>Completes when everything queued so far, and everything it queued in turn, has been attempted.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task idle;
            lock (_gate)
            {
                if (_pending == 0)
                {
                    if (_crashes.Count == 0)
                    {
                        return;
                    }
                    var crashes = new AggregateException(_crashes);
                    _crashes.Clear();
                    throw new InvalidOperationException("The SCIM push engine crashed; this is a harness error, not an SP failure.", crashes);
                }
                idle = _idle.Task;
            }
            await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _slots.Dispose();

    private async Task RunAsync(Task[] prior, Func<Task> work)
    {
        try
        {
            // The work must not start on the caller's stack (a directory change handler, under our lock). Waiting
            // for earlier work or for a slot leaves it anyway: only work that could start at once hops explicitly,
            // so the usual item (a slot taken, nothing before it) costs one trip through the thread pool, not two.
            var ready = Task.WhenAll(prior);
            if (ready.IsCompleted)
            {
                var slot = _slots.WaitAsync();
                if (slot.IsCompleted)
                {
                    await Task.Yield();
                }
                await slot.ConfigureAwait(false);
            }
            else
            {
                await ready.ConfigureAwait(false);
                await _slots.WaitAsync().ConfigureAwait(false);
            }
            try
            {
                await work().ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }
#pragma warning disable CA1031 // A crash must not stop the queue; WhenIdleAsync rethrows it to the scenario step.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _crashes.Add(ex);
            }
        }
        finally
        {
            lock (_gate)
            {
                if (--_pending == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private static TaskCompletionSource Idle()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
