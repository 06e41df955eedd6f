namespace Spool.Kubernetes.Runtime;

/// <summary>
/// client-go's rate-limited work queue. A key is queued at most once (dedupe); a key being processed is never handed
/// to a second worker: adding it meanwhile marks it dirty and it is queued again on <see cref="Done"/>. Delayed adds
/// keep the earliest due time per key. Unlike client-go, <see cref="ShutDown"/> stops handing out queued keys at
/// once: reconciles are level-triggered, so whatever was waiting is picked up again after a restart.
/// </summary>
public sealed partial class RateLimitingQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Queue<TaskCompletionSource<bool>> _waiters = new();
    private readonly IRateLimiter<T> _limiter;
    private readonly TimeProvider _time;
    private readonly OperatorMetrics? _metrics;
    private readonly KeyValuePair<string, object?> _tag;
    private bool _shuttingDown;

    public RateLimitingQueue(string name = "", IRateLimiter<T>? rateLimiter = null, TimeProvider? timeProvider = null, OperatorMetrics? metrics = null)
    {
        Name = name;
        _time = timeProvider ?? TimeProvider.System;
        _limiter = rateLimiter ?? RateLimiters.DefaultController<T>(_time);
        _metrics = metrics;
        _tag = new("name", name);
        _timer = _time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Name { get; }

    /// <summary>Keys ready to be handed out.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (_lock)
            {
                return _shuttingDown;
            }
        }
    }

    public void Add(T item)
    {
        lock (_lock)
        {
            if (_shuttingDown || !_dirty.Add(item))
            {
                return;
            }

            _metrics?.QueueAdds.Add(1, _tag);
            if (!_processing.Contains(item))
            {
                EnqueueLocked(item);
            }
        }
    }

    /// <summary>Adds after the rate limiter's delay for this key (a failure: the key's backoff grows).</summary>
    public void AddRateLimited(T item)
    {
        _metrics?.QueueRetries.Add(1, _tag);
        AddAfter(item, _limiter.When(item));
    }

    /// <summary>The key succeeded: its backoff starts over.</summary>
    public void Forget(T item) => _limiter.Forget(item);

    public int NumRequeues(T item) => _limiter.NumRequeues(item);

    /// <summary>
    /// Waits for a key. Returns <c>Shutdown = true</c> once <see cref="ShutDown"/> was called; the caller must call
    /// <see cref="Done"/> for every key it got.
    /// </summary>
    public async ValueTask<(bool Shutdown, T Item)> GetAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TaskCompletionSource<bool> waiter;
            lock (_lock)
            {
                if (_shuttingDown)
                {
                    return (true, default!);
                }

                if (_queue.TryDequeue(out var item))
                {
                    _metrics?.QueueDepth.Add(-1, _tag);
                    _processing.Add(item);
                    _dirty.Remove(item);
                    return (false, item);
                }

                waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Enqueue(waiter);
            }

            using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
            {
                await waiter.Task;
            }
        }
    }

    /// <summary>Processing of the key finished; if it was added meanwhile it is queued again now.</summary>
    public void Done(T item)
    {
        lock (_lock)
        {
            _processing.Remove(item);
            if (_dirty.Contains(item) && !_shuttingDown)
            {
                EnqueueLocked(item);
            }
        }
    }

    /// <summary>Stops accepting keys and wakes every waiting <see cref="GetAsync"/> with Shutdown.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shuttingDown = true;
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.TrySetResult(false);
            }

            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
    }

    private void EnqueueLocked(T item)
    {
        _queue.Enqueue(item);
        _metrics?.QueueDepth.Add(1, _tag);

        // Waiters cancelled meanwhile refuse the wake-up; try the next one.
        while (_waiters.TryDequeue(out var waiter))
        {
            if (waiter.TrySetResult(true))
            {
                break;
            }
        }
    }
}
