using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static RateLimitingQueue<string> Queue(ManualTimeProvider time, IRateLimiter<string>? limiter = null) =>
        new("test", limiter ?? new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)), time);

    [Fact]
    public async Task Keys_are_deduplicated_and_handed_out_in_order()
    {
        using var queue = Queue(new ManualTimeProvider());
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.Count.Should().Be(2);
        (await queue.GetAsync()).Item.Should().Be("a");
        (await queue.GetAsync()).Item.Should().Be("b");
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_key_in_processing_is_not_handed_out_again_until_done()
    {
        using var queue = Queue(new ManualTimeProvider());
        queue.Add("a");
        var (_, first) = await queue.GetAsync();
        first.Should().Be("a");

        // Changed while being reconciled: remembered as dirty, not handed to a second worker.
        queue.Add("a");
        queue.Add("a");
        queue.Count.Should().Be(0);
        var second = queue.GetAsync().AsTask();
        second.IsCompleted.Should().BeFalse();

        queue.Done("a");
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Item.Should().Be("a");
        queue.Done("a");
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_waiting_get_is_woken_by_add()
    {
        using var queue = Queue(new ManualTimeProvider());
        var waiting = queue.GetAsync().AsTask();
        waiting.IsCompleted.Should().BeFalse();
        queue.Add("x");
        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be((false, "x"));
    }

    [Fact]
    public async Task AddAfter_waits_for_the_clock_and_the_earliest_due_time_wins()
    {
        var time = new ManualTimeProvider();
        using var queue = Queue(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(20));
        queue.AddAfter("b", TimeSpan.FromSeconds(5));
        queue.DelayedCount.Should().Be(2);

        time.Advance(TimeSpan.FromSeconds(2));
        queue.Count.Should().Be(0);
        time.Advance(TimeSpan.FromSeconds(1));
        queue.Count.Should().Be(1);
        (await queue.GetAsync()).Item.Should().Be("a");
        time.Advance(TimeSpan.FromSeconds(2));
        (await queue.GetAsync()).Item.Should().Be("b");
        time.Advance(TimeSpan.FromSeconds(30));
        queue.Count.Should().Be(0, "the later due times of a were superseded");
        queue.DelayedCount.Should().Be(0);
    }

    [Fact]
    public void Per_key_backoff_doubles_from_5ms_up_to_1000s_and_forget_resets_it()
    {
        var limiter = new ItemExponentialFailureRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        var delays = Enumerable.Range(0, 5).Select(_ => limiter.When("a").TotalMilliseconds).ToList();
        delays.Should().Equal(5, 10, 20, 40, 80);
        limiter.NumRequeues("a").Should().Be(5);
        limiter.When("b").Should().Be(TimeSpan.FromMilliseconds(5), "keys back off independently");

        for (var i = 0; i < 100; i++)
        {
            limiter.When("a");
        }

        limiter.When("a").Should().Be(TimeSpan.FromSeconds(1000));
        limiter.Forget("a");
        limiter.NumRequeues("a").Should().Be(0);
        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public void Token_bucket_allows_the_burst_then_spaces_requests()
    {
        var time = new ManualTimeProvider();
        var bucket = new BucketRateLimiter<string>(10, 3, time);
        Enumerable.Range(0, 3).Select(i => bucket.When($"k{i}")).ToList().Should().AllBeEquivalentTo(TimeSpan.Zero);
        bucket.When("k3").Should().Be(TimeSpan.FromMilliseconds(100));
        bucket.When("k4").Should().Be(TimeSpan.FromMilliseconds(200));
        time.Advance(TimeSpan.FromSeconds(1));
        bucket.When("k5").Should().Be(TimeSpan.Zero, "tokens refill at 10 per second");
    }

    [Fact]
    public void The_default_limiter_takes_the_longer_of_backoff_and_bucket()
    {
        var time = new ManualTimeProvider();
        var limiter = RateLimiters.DefaultController<string>(time);
        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(5));
        limiter.When("a").Should().Be(TimeSpan.FromMilliseconds(10));
        for (var i = 0; i < 200; i++)
        {
            limiter.When("k" + i);
        }

        limiter.When("fresh").Should().BeGreaterThan(TimeSpan.FromSeconds(5), "the overall bucket (10/s, burst 100) is exhausted");
    }

    [Fact]
    public async Task AddRateLimited_applies_growing_delays_and_Forget_starts_over()
    {
        var time = new ManualTimeProvider();
        using var queue = Queue(time);
        queue.AddRateLimited("a");
        time.Advance(TimeSpan.FromMilliseconds(4));
        queue.Count.Should().Be(0);
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await queue.GetAsync()).Item.Should().Be("a");
        queue.Done("a");

        queue.AddRateLimited("a");
        time.Advance(TimeSpan.FromMilliseconds(9));
        queue.Count.Should().Be(0);
        time.Advance(TimeSpan.FromMilliseconds(1));
        queue.Count.Should().Be(1);
        queue.NumRequeues("a").Should().Be(2);

        queue.Forget("a");
        queue.NumRequeues("a").Should().Be(0);
    }

    [Fact]
    public async Task ShutDown_wakes_waiters_and_refuses_new_keys()
    {
        using var queue = Queue(new ManualTimeProvider());
        var waiting = queue.GetAsync().AsTask();
        queue.ShutDown();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Shutdown.Should().BeTrue();
        queue.Add("late");
        queue.Count.Should().Be(0);
        (await queue.GetAsync()).Shutdown.Should().BeTrue();
    }

    [Fact]
    public async Task A_cancelled_get_does_not_swallow_the_next_key()
    {
        using var queue = Queue(new ManualTimeProvider());
        using var cts = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        var waiting = queue.GetAsync().AsTask();
        queue.Add("k");
        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Item.Should().Be("k");
    }

    [Fact]
    public async Task Concurrent_workers_never_hold_the_same_key()
    {
        using var queue = new RateLimitingQueue<int>("stress", timeProvider: new ManualTimeProvider());
        var holding = new int[8];
        var violations = 0;
        var processed = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (shutdown, key) = await queue.GetAsync();
                if (shutdown)
                {
                    return;
                }

                if (Interlocked.Increment(ref holding[key]) != 1)
                {
                    Interlocked.Increment(ref violations);
                }

                await Task.Yield();
                Interlocked.Decrement(ref holding[key]);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        })).ToArray();

        for (var i = 0; i < 2000; i++)
        {
            queue.Add(i % 8);
        }

        await Eventually.TrueAsync(() => queue.Count == 0 && Volatile.Read(ref processed) >= 8, "queue drained");
        queue.ShutDown();
        await Task.WhenAll(workers);
        violations.Should().Be(0);
    }
}
