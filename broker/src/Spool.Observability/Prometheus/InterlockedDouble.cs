namespace Spool.Observability.Prometheus;

/// <summary>Lock-free addition to a double (Interlocked has no Add for doubles): a compare-and-swap loop.</summary>
internal static class InterlockedDouble
{
    public static void Add(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
