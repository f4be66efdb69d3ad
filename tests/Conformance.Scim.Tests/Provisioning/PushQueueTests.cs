using Conformance.Scim.Provisioning;

namespace Conformance.Scim.Tests.Provisioning;

public sealed class PushQueueTests
{
    [ThreadStatic]
    private static bool _enqueuing;

    [TestCase(1, 0, TestName = "WorkThatCouldStartAtOnce_StartsOffTheStackOfWhoeverQueuedIt")]
    [TestCase(1, 1, TestName = "WorkWaitingForASlot_StartsOffTheStackOfWhoeverQueuedIt")]
    public async Task WorkStartsOffTheQueuersStack(int concurrency, int busy)
    {
        using var queue = new PushQueue(concurrency);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < busy; i++)
        {
            queue.Enqueue($"busy-{i}", [], () => hold.Task);
        }
        var startedInside = new List<bool>();

        _enqueuing = true;
        for (var i = 0; i < 20; i++)
        {
            queue.Enqueue($"item-{i}", [], () =>
            {
                lock (startedInside)
                {
                    startedInside.Add(_enqueuing);
                }
                return Task.CompletedTask;
            });
        }
        _enqueuing = false;
        hold.SetResult();
        await queue.WhenIdleAsync(CancellationToken.None);

        Assert.That(startedInside, Has.Count.EqualTo(20).And.All.False);
    }

    [Test]
    public async Task WorkOfOneKey_RunsInTheOrderQueued_AndNoMoreThanTheBoundRunAtOnce()
    {
        using var queue = new PushQueue(3);
        var order = new Dictionary<string, List<int>>();
        var running = 0;
        var most = 0;
        for (var i = 0; i < 40; i++)
        {
            var key = $"user-{i % 5}";
            var n = i;
            queue.Enqueue(key, [], async () =>
            {
                lock (order)
                {
                    most = Math.Max(most, ++running);
                }
                await Task.Delay(1);
                lock (order)
                {
                    (order.TryGetValue(key, out var seen) ? seen : order[key] = []).Add(n);
                    running--;
                }
            });
        }

        await queue.WhenIdleAsync(CancellationToken.None);

        Assert.That(order.Values.Select(o => o.Count), Is.All.EqualTo(8));
        Assert.That(order.Values, Is.All.Ordered);
        Assert.That(most, Is.InRange(1, 3));
    }

    [Test]
    public async Task WorkWaitingForOtherKeys_StartsOnlyOnceTheirQueuedWorkIsDone()
    {
        using var queue = new PushQueue(4);
        var done = 0;
        for (var i = 0; i < 6; i++)
        {
            queue.Enqueue($"user-{i}", [], async () =>
            {
                await Task.Delay(5);
                Interlocked.Increment(ref done);
            });
        }
        var seenByGroup = -1;

        queue.Enqueue("group", [.. Enumerable.Range(0, 6).Select(i => $"user-{i}")], () =>
        {
            seenByGroup = Volatile.Read(ref done);
            return Task.CompletedTask;
        });
        await queue.WhenIdleAsync(CancellationToken.None);

        Assert.That(seenByGroup, Is.EqualTo(6));
    }
}
