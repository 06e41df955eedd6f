namespace Spool.Client.Internal;

/// <summary>
/// Exponential backoff with ±20% jitter, as the Java client computes reconnect and retry waits (KIP-144,
/// KIP-580): the jitter keeps many clients from retrying in lock-step after a broker restart.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;

    public Backoff(TimeSpan initial, TimeSpan max)
    {
        _initial = initial;
        _max = max < initial ? initial : max;
    }

    /// <summary>The wait before attempt number <paramref name="failures"/> + 1 (0 failures: the initial wait).</summary>
    public TimeSpan Delay(int failures)
    {
        if (_initial <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(Math.Max(failures, 0), 30);
        var raw = Math.Min(_initial.TotalMilliseconds * Math.Pow(2, exponent), _max.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(Math.Min(raw * jitter, _max.TotalMilliseconds));
    }
}
