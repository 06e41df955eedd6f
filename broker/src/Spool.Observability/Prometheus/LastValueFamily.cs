using System.Buffers;

namespace Spool.Observability.Prometheus;

/// <summary>
/// Observable instruments (polled at scrape time) and synchronous gauges: a series holds the last value seen.
/// For observable instruments a series that a collection did not report is gone (a deleted partition or group)
/// and is dropped; a synchronous gauge keeps its last value.
/// </summary>
internal sealed class LastValueFamily : MetricFamily
{
    private readonly SeriesTable<LastValueSeries> _series = new(static () => new LastValueSeries());
    private readonly bool _floating;
    private readonly List<SeriesKey> _stale = [];
    private int _generation;

    public LastValueFamily(string name, string type, string? help, bool floating, bool observable)
        : base(name, type, help)
    {
        _floating = floating;
        IsObservable = observable;
    }

    public bool IsObservable { get; }

    /// <summary>The collection in progress; set by the exporter before it polls the observable instruments.</summary>
    public int Generation
    {
        get => Volatile.Read(ref _generation);
        set => Volatile.Write(ref _generation, value);
    }

    public override void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.Get(tags).Set(value, Generation);

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => _series.Get(tags).Set(value, Generation);

    public override void Write(IBufferWriter<byte> output)
    {
        WriteHeader(output);
        var generation = Generation;
        foreach (var (key, series) in _series.Sorted())
        {
            if (IsObservable && series.Generation != generation)
            {
                _stale.Add(key);
                continue;
            }

            WriteSeriesPrefix(output, NameUtf8, key);
            if (_floating)
            {
                PrometheusText.WriteDouble(output, series.DoubleValue);
            }
            else
            {
                PrometheusText.WriteLong(output, series.LongValue);
            }

            PrometheusText.WriteRaw(output, "\n"u8);
        }

        foreach (var key in _stale)
        {
            _series.Remove(key);
        }

        _stale.Clear();
    }
}
