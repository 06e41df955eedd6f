namespace Spool.Kubernetes.Runtime;

/// <summary>
/// An overall token bucket (client-go default: 10 per second, burst 100) so that many failing items together cannot
/// flood the API server. Like Go's rate.Limiter.Reserve, a call always gets a slot and is told how long to wait for it.
/// </summary>
public sealed class BucketRateLimiter<T> : IRateLimiter<T>
{
    private readonly Lock _lock = new();
    private readonly double _perSecond;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private DateTimeOffset _last;

    public BucketRateLimiter(double perSecond, int burst, TimeProvider? timeProvider = null)
    {
        _perSecond = perSecond;
        _burst = burst;
        _tokens = burst;
        _time = timeProvider ?? TimeProvider.System;
        _last = _time.GetUtcNow();
    }

    public TimeSpan When(T item)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            _tokens = Math.Min(_burst, _tokens + ((now - _last).TotalSeconds * _perSecond));
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }

    public void Forget(T item)
    {
    }

    public int NumRequeues(T item) => 0;
}
