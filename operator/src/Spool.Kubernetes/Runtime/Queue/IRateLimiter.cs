namespace Spool.Kubernetes.Runtime;

/// <summary>How long an item waits before its next attempt.</summary>
public interface IRateLimiter<in T>
{
    /// <summary>The delay for the next attempt of <paramref name="item"/>; counts as a failure for per-item limiters.</summary>
    TimeSpan When(T item);

    /// <summary>The item succeeded: reset its failure count.</summary>
    void Forget(T item);

    int NumRequeues(T item);
}
