using System.Buffers;

namespace Spool.Observability.Prometheus;

/// <summary>Counters (type counter) and up-down counters (type gauge): recordings add to the series' total.</summary>
internal sealed class SumFamily : MetricFamily
{
    private readonly SeriesTable<SumSeries> _series = new(static () => new SumSeries());
    private readonly bool _floating;

    public SumFamily(string name, string type, string? help, bool floating)
        : base(name, type, help)
    {
        _floating = floating;
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.Get(tags).Add(value);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.Get(tags).Add(value);

    public override void Write(IBufferWriter<byte> output)
    {
        WriteHeader(output);
        foreach (var (key, series) in _series.Sorted())
        {
            WriteSeriesPrefix(output, NameUtf8, key);
            if (_floating)
            {
                PrometheusText.WriteDouble(output, series.DoubleValue + series.LongValue);
            }
            else
            {
                PrometheusText.WriteLong(output, series.LongValue);
            }

            PrometheusText.WriteRaw(output, "\n"u8);
        }
    }
}
