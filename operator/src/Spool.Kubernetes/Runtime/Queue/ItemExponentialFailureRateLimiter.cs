namespace Spool.Kubernetes.Runtime;

/// <summary>Per-item exponential backoff: base × 2^failures, capped (client-go default: 5 ms to 1000 s).</summary>
public sealed class ItemExponentialFailureRateLimiter<T>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<T, int> _failures = [];

    public TimeSpan When(T item)
    {
        int exponent;
        lock (_lock)
        {
            exponent = _failures.GetValueOrDefault(item);
            _failures[item] = exponent + 1;
        }

        var delay = baseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return double.IsInfinity(delay) || delay > maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(delay);
    }

    public void Forget(T item)
    {
        lock (_lock)
        {
            _failures.Remove(item);
        }
    }

    public int NumRequeues(T item)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(item);
        }
    }
}
