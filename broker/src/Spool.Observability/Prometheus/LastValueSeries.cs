namespace Spool.Observability.Prometheus;

/// <summary>The latest value of a gauge series and the collection it was observed in (to drop vanished series).</summary>
internal sealed class LastValueSeries
{
    private long _long;
    private double _double;
    private int _generation;

    public long LongValue => Interlocked.Read(ref _long);

    public double DoubleValue => Volatile.Read(ref _double);

    public int Generation => Volatile.Read(ref _generation);

    public void Set(long value, int generation)
    {
        Interlocked.Exchange(ref _long, value);
        Volatile.Write(ref _generation, generation);
    }

    public void Set(double value, int generation)
    {
        Volatile.Write(ref _double, value);
        Volatile.Write(ref _generation, generation);
    }
}
