namespace Spool.Kubernetes.Runtime;

/// <summary>Delayed adds: a priority queue of due times driven by one timer of the (possibly fake) TimeProvider.</summary>
public sealed partial class RateLimitingQueue<T>
{
    private readonly ITimer _timer;
    private readonly PriorityQueue<T, DateTimeOffset> _delayed = new();
    private readonly Dictionary<T, DateTimeOffset> _dueAt = [];

    /// <summary>Keys waiting for their delay.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_lock)
            {
                return _dueAt.Count;
            }
        }
    }

    /// <summary>Adds the key after <paramref name="delay"/>; an earlier pending due time for the same key wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_dueAt.TryGetValue(item, out var existing) && existing <= due)
            {
                return;
            }

            _dueAt[item] = due;
            _delayed.Enqueue(item, due);
            ScheduleLocked();
        }
    }

    private void OnTimer()
    {
        var ready = new List<T>();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_delayed.TryPeek(out var item, out var due) && due <= now)
            {
                _delayed.Dequeue();
                if (_dueAt.TryGetValue(item, out var current) && current == due)
                {
                    _dueAt.Remove(item);
                    ready.Add(item);
                }
            }

            ScheduleLocked();
        }

        foreach (var item in ready)
        {
            Add(item);
        }
    }

    private void ScheduleLocked()
    {
        // Entries superseded by an earlier due time stay in the heap until they surface here.
        while (_delayed.TryPeek(out var item, out var due) && (!_dueAt.TryGetValue(item, out var current) || current != due))
        {
            _delayed.Dequeue();
        }

        if (_shuttingDown || !_delayed.TryPeek(out _, out var next))
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = next - _time.GetUtcNow();
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }
}
