namespace Spool.Kubernetes.Runtime;

/// <summary>Ready-made limiters.</summary>
public static class RateLimiters
{
    /// <summary>client-go's DefaultControllerRateLimiter: per-item 5 ms doubling to 1000 s, and 10 qps / burst 100 overall.</summary>
    public static IRateLimiter<T> DefaultController<T>(TimeProvider? timeProvider = null)
        where T : notnull =>
        new MaxOfRateLimiter<T>(
            new ItemExponentialFailureRateLimiter<T>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new BucketRateLimiter<T>(10, 100, timeProvider));
}
