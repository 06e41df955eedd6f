namespace Spool.Kubernetes.Runtime;

/// <summary>The longest delay of several limiters.</summary>
public sealed class MaxOfRateLimiter<T>(params IRateLimiter<T>[] limiters) : IRateLimiter<T>
{
    public TimeSpan When(T item) => limiters.Select(l => l.When(item)).Max();

    public void Forget(T item)
    {
        foreach (var limiter in limiters)
        {
            limiter.Forget(item);
        }
    }

    public int NumRequeues(T item) => limiters.Max(l => l.NumRequeues(item));
}
