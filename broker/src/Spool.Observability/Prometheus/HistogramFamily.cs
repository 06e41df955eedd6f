using System.Buffers;
using System.Text;

namespace Spool.Observability.Prometheus;

/// <summary>
/// Histograms: cumulative <c>_bucket{le=...}</c> samples ending with +Inf, then <c>_sum</c> and <c>_count</c>.
/// The count is the +Inf bucket's, so the two always agree even while recordings race a scrape.
/// </summary>
internal sealed class HistogramFamily : MetricFamily
{
    /// <summary>Prometheus's client default buckets, used when an instrument gives no bucket advice.</summary>
    public static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _bounds;
    private readonly byte[][] _le;
    private readonly long[] _scratch;
    private readonly byte[] _bucketName;
    private readonly byte[] _sumName;
    private readonly byte[] _countName;
    private readonly SeriesTable<HistogramSeries> _series;

    public HistogramFamily(string name, string? help, IEnumerable<double>? bounds)
        : base(name, "histogram", help)
    {
        _bounds = (bounds ?? DefaultBounds).Where(b => !double.IsNaN(b) && !double.IsPositiveInfinity(b)).Distinct().Order().ToArray();
        _le = _bounds.Append(double.PositiveInfinity)
            .Select(b => Encoding.UTF8.GetBytes($"le=\"{PrometheusText.FormatBound(b)}\""))
            .ToArray();
        _scratch = new long[_bounds.Length + 1];
        _bucketName = Encoding.UTF8.GetBytes(name + "_bucket");
        _sumName = Encoding.UTF8.GetBytes(name + "_sum");
        _countName = Encoding.UTF8.GetBytes(name + "_count");
        var bucketCount = _bounds.Length + 1;
        _series = new SeriesTable<HistogramSeries>(() => new HistogramSeries(bucketCount));
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Record((double)value, tags);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.Get(tags).Record(value, _bounds);

    public override void Write(IBufferWriter<byte> output)
    {
        WriteHeader(output);
        foreach (var (key, series) in _series.Sorted())
        {
            // Read the sum before the counts: a racing recording then shows in the counts but maybe not the sum,
            // never the reverse.
            var sum = series.Sum;
            series.CopyCounts(_scratch);
            long cumulative = 0;
            for (var i = 0; i < _scratch.Length; i++)
            {
                cumulative += _scratch[i];
                WriteSeriesPrefix(output, _bucketName, key, _le[i]);
                PrometheusText.WriteLong(output, cumulative);
                PrometheusText.WriteRaw(output, "\n"u8);
            }

            WriteSeriesPrefix(output, _sumName, key);
            PrometheusText.WriteDouble(output, sum);
            PrometheusText.WriteRaw(output, "\n"u8);
            WriteSeriesPrefix(output, _countName, key);
            PrometheusText.WriteLong(output, cumulative);
            PrometheusText.WriteRaw(output, "\n"u8);
        }
    }
}
