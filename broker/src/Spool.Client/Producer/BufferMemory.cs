using Spool.Protocol;

namespace Spool.Client.Producer;

/// <summary>
/// <c>buffer.memory</c>: bytes reserved by records from the moment they are accepted until their batch
/// completes. Producers wait (at most <c>max.block.ms</c>, first come first served) when it is used up.
/// </summary>
internal sealed class BufferMemory
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _available;

    public BufferMemory(long total)
    {
        Total = total;
        _available = total;
    }

    public long Total { get; }

    public long Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    /// <summary>Whether producers are waiting for memory (then batches are sent without lingering, as in Java).</summary>
    public bool HasWaiters
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count > 0;
            }
        }
    }

    /// <summary>Reserves without waiting; false when others wait or the memory is used up.</summary>
    public bool TryReserve(int bytes)
    {
        lock (_lock)
        {
            if (_waiters.Count > 0 || _available < bytes)
            {
                return false;
            }

            _available -= bytes;
            return true;
        }
    }

    public async ValueTask ReserveAsync(int bytes, TimeSpan maxBlock, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_lock)
        {
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return;
            }

            waiter = new Waiter(bytes);
            waiter.Node = _waiters.AddLast(waiter);
        }

        try
        {
            await waiter.Granted.Task.WaitAsync(maxBlock, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            bool granted;
            lock (_lock)
            {
                granted = waiter.Granted.Task.IsCompleted;
                if (!granted)
                {
                    _waiters.Remove(waiter.Node!);
                }
            }

            if (granted)
            {
                Release(bytes);
            }
            else
            {
                // Whoever queued behind this waiter may fit now.
                Release(0);
            }

            if (e is TimeoutException)
            {
                throw new KafkaException(ErrorCode.RequestTimedOut, $"failed to allocate {bytes} bytes of buffer.memory within max.block.ms ({maxBlock})");
            }

            throw;
        }
    }

    public void Release(int bytes)
    {
        var granted = new List<Waiter>();
        lock (_lock)
        {
            _available += bytes;
            while (_waiters.First is { } first && first.Value.Bytes <= _available)
            {
                _available -= first.Value.Bytes;
                _waiters.RemoveFirst();
                granted.Add(first.Value);
            }
        }

        foreach (var waiter in granted)
        {
            waiter.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(int bytes)
    {
        public int Bytes { get; } = bytes;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
