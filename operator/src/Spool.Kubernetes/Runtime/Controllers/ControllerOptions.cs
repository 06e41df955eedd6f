namespace Spool.Kubernetes.Runtime;

/// <summary>Tuning of one controller.</summary>
public sealed record ControllerOptions
{
    /// <summary>Workers; one key is still never reconciled by two at once.</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>On shutdown, in-flight reconciles get this long to finish before their token is cancelled.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The queue's limiter; defaults to client-go's controller limiter.</summary>
    public Func<TimeProvider, IRateLimiter<ObjectKey>>? RateLimiter { get; init; }
}
