namespace Spool.Observability.Prometheus;

/// <summary>The running total of a counter or up-down counter series, updated with interlocked operations.</summary>
internal sealed class SumSeries
{
    private long _long;
    private double _double;

    public long LongValue => Interlocked.Read(ref _long);

    public double DoubleValue => Volatile.Read(ref _double);

    public void Add(long value) => Interlocked.Add(ref _long, value);

    public void Add(double value) => InterlockedDouble.Add(ref _double, value);
}
