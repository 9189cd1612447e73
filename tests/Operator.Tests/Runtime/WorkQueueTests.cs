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
}
