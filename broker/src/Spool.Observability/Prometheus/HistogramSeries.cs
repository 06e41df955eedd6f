namespace Spool.Observability.Prometheus;

/// <summary>One histogram series: a count per bucket (not cumulative; the last bucket is +Inf) and the sum.</summary>
internal sealed class HistogramSeries
{
    private readonly long[] _counts;
    private double _sum;

    public HistogramSeries(int bucketCount)
    {
        _counts = new long[bucketCount];
    }

    public double Sum => Volatile.Read(ref _sum);

    public void Record(double value, double[] bounds)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        // Buckets are upper-inclusive (le): an exact match falls in its own bucket, otherwise in the first larger one.
        var index = Array.BinarySearch(bounds, value);
        Interlocked.Increment(ref _counts[index >= 0 ? index : ~index]);

        InterlockedDouble.Add(ref _sum, value);
    }

    /// <summary>Copies the per-bucket counts into <paramref name="destination"/>.</summary>
    public void CopyCounts(Span<long> destination)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            destination[i] = Interlocked.Read(ref _counts[i]);
        }
    }
}
