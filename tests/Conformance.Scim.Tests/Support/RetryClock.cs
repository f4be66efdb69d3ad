using Microsoft.Extensions.Time.Testing;

namespace Conformance.Scim.Tests.Support;

/// <summary>
/// The organisation's clock in tests: fake time that stands still until a test advances it, except for the waits the
/// engine announced through <see cref="ScimEngineOptions.OnRetry"/>, which pass as soon as the engine starts them, so
/// a retry test neither sleeps nor steps the clock by hand (and what it stamps afterwards is that much later).
/// </summary>
internal sealed class RetryClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<long> _announced = [];

    public void Announce(TimeSpan wait)
    {
        lock (_announced)
        {
            _announced.Add(Milliseconds(wait));
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        bool announced;
        lock (_announced)
        {
            announced = _announced.Remove(Milliseconds(dueTime));
        }
        if (announced)
        {
            // After the timer is in place, on another thread: the waiter must not run inside its own CreateTimer.
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }
        return timer;
    }

    // A delay's timer is due in whole milliseconds.
    private static long Milliseconds(TimeSpan wait) => (long)wait.TotalMilliseconds;
}
