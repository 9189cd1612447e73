using Microsoft.Extensions.Time.Testing;
using Tern.Operator.Runtime;

namespace Tern.Operator.Tests.Runtime;

public class WorkQueueTests
{
    private static readonly ResourceKey A = new("ns", "a");
    private static readonly ResourceKey B = new("ns", "b");

    private static async Task<ResourceKey> Take(WorkQueue queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return (await queue.TakeAsync(timeout.Token))!.Value;
    }

    [Fact]
    public async Task A_key_added_twice_while_waiting_is_handed_out_once()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        queue.Add(A);
        queue.Add(A);
        queue.Add(B);
        Assert.Equal(2, queue.Depth);
        Assert.Equal(A, await Take(queue));
        Assert.Equal(B, await Take(queue));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_to_a_second_worker_until_done()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        queue.Add(A);
        var first = await Take(queue);
        queue.Add(A);
        Assert.Equal(0, queue.Depth);
        using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.TakeAsync(shortWait.Token));
        queue.Done(first);
        Assert.Equal(A, await Take(queue));
    }

    [Fact]
    public async Task Shutting_down_twice_with_keys_still_queued_is_harmless_and_takers_get_nothing()
    {
        var queue = new WorkQueue(new FakeTimeProvider());
        queue.Add(A);
        queue.Add(B);

        // The controller host shuts its queue down when a term ends and disposes it afterwards, which shuts it down again.
        queue.ShutDown();
        Assert.Null(await queue.TakeAsync(CancellationToken.None));
        var dispose = Record.Exception(queue.Dispose);

        Assert.Null(dispose);
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_forget_resets_it()
    {
        using var queue = new WorkQueue(new FakeTimeProvider(), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        var delays = Enumerable.Range(0, 5).Select(_ => queue.AddRateLimited(A).TotalMilliseconds).ToList();
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i], 10 * Math.Pow(2, i) * 0.8, 10 * Math.Pow(2, i) * 1.2);
        }
        var capped = TimeSpan.Zero;
        for (var i = 0; i < 20; i++)
        {
            capped = queue.AddRateLimited(A);
        }
        Assert.InRange(capped.TotalMilliseconds, 800, 1200);
        queue.Forget(A);
        Assert.InRange(queue.AddRateLimited(A).TotalMilliseconds, 8, 12);
    }

    [Fact]
    public async Task A_delayed_add_arrives_when_its_time_comes()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue(clock);
        queue.AddAfter(A, TimeSpan.FromMinutes(5));
        Assert.Equal(0, queue.Depth);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, queue.Depth);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(A, await Take(queue));
    }

    [Fact]
    public async Task Shutdown_releases_waiting_takers()
    {
        using var queue = new WorkQueue(new FakeTimeProvider());
        var waiting = queue.TakeAsync(CancellationToken.None);
        queue.ShutDown();
        Assert.Null(await waiting);
        queue.Add(A);
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task Repeated_delayed_adds_of_one_key_are_held_once()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue(clock);
        // Five requeues of the same key, as five label edits each followed by a RequeueAfter of five minutes.
        for (var i = 0; i < 5; i++)
        {
            queue.AddAfter(A, TimeSpan.FromMinutes(5));
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(1, queue.Delayed);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(A, await Take(queue));
        queue.Done(A);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, queue.Depth);
        Assert.Equal(0, queue.Delayed);
    }

    [Fact]
    public async Task Requeues_after_several_edits_do_not_multiply_the_reconciles_that_follow()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue(clock);
        var reconciles = 0;
        // A worker that reconciles whatever is ready and, like a settled workflow, asks to look again in 125 s.
        async Task WorkAsync()
        {
            while (queue.Depth > 0)
            {
                var key = await Take(queue);
                reconciles++;
                queue.Done(key);
                queue.AddAfter(key, TimeSpan.FromSeconds(125));
            }
        }
        for (var edit = 0; edit < 5; edit++)
        {
            queue.Add(A);
            await WorkAsync();
            clock.Advance(TimeSpan.FromSeconds(7));
        }

        reconciles = 0;
        for (var second = 0; second < 1250; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await WorkAsync();
        }

        // One reconcile per 125 s, not one per edit per 125 s.
        Assert.InRange(reconciles, 9, 11);
    }

    [Fact]
    public async Task An_earlier_delayed_add_moves_the_key_forward_and_a_later_one_changes_nothing()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WorkQueue(clock);
        queue.AddAfter(A, TimeSpan.FromMinutes(10));
        queue.AddAfter(A, TimeSpan.FromMinutes(1));
        queue.AddAfter(A, TimeSpan.FromMinutes(30));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(A, await Take(queue));
        queue.Done(A);
        // The ten- and thirty-minute adds were absorbed by the one-minute add: nothing else arrives.
        clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task The_observer_sees_how_long_keys_wait_and_are_worked_on_and_the_work_in_progress()
    {
        var clock = new FakeTimeProvider();
        var observer = new Observer();
        using var queue = new WorkQueue(clock, observer: observer);
        queue.Add(A);
        queue.Add(B);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(A, await Take(queue));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(B, await Take(queue));
        clock.Advance(TimeSpan.FromSeconds(4));

        var (unfinished, longest) = queue.InProgress();
        Assert.Equal(TimeSpan.FromSeconds(10), unfinished);
        Assert.Equal(TimeSpan.FromSeconds(6), longest);
        queue.Done(A);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)], observer.Waited);
        Assert.Equal([TimeSpan.FromSeconds(6)], observer.Worked);
        Assert.Equal(2, observer.Adds);
        Assert.Equal(TimeSpan.FromSeconds(4), queue.InProgress().Longest);
    }

    private sealed class Observer : IWorkQueueObserver
    {
        public int Adds { get; private set; }

        public List<TimeSpan> Waited { get; } = [];

        public List<TimeSpan> Worked { get; } = [];

        public void Added(int depth) => Adds++;

        public void Taken(TimeSpan waited, int depth) => Waited.Add(waited);

        public void Done(TimeSpan worked) => Worked.Add(worked);
    }
}
