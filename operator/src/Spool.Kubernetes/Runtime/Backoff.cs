namespace Spool.Kubernetes.Runtime;

/// <summary>Exponential backoff with jitter for reconnecting (client-go's reflector uses 800 ms doubling to 30 s).</summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures++, 30);
        var delay = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);

        // Up to +100% jitter keeps many clients from reconnecting in lockstep after an API server restart.
        return TimeSpan.FromMilliseconds(delay * (1 + Random.Shared.NextDouble()));
    }

    public void Reset() => _failures = 0;
}
