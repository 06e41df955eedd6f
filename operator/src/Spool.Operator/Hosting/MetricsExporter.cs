using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Spool.Operator.Hosting;

/// <summary>
/// Publishes one Meter's instruments in the Prometheus text format 0.0.4: counters, up-down counters (as gauges) and
/// histograms (with the instrument's advised buckets). The operator's instruments record a few times per reconcile,
/// so a lock per series is plenty; the broker's lock-free exporter is the one for hot paths.
/// </summary>
public sealed class MetricsExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> _families = new();

    public MetricsExporter(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                _families[instrument] = new Family(instrument);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every family, sorted by name, series sorted by labels.</summary>
    public string Collect()
    {
        var text = new StringBuilder();
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            family.Write(text);
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_families.TryGetValue(instrument, out var family))
        {
            family.Record(value, Labels(tags));
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<KeyValuePair<string, object?>>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add(tag);
        }

        return string.Join(",", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{Escape(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "")}\""));
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Family(Instrument instrument)
    {
        private readonly Lock _lock = new();
        private readonly SortedDictionary<string, double[]> _series = new(StringComparer.Ordinal);
        private readonly bool _histogram = instrument is Histogram<double> or Histogram<long>;
        private readonly bool _monotonic = instrument is Counter<long> or Counter<double>;
        private readonly double[] _bounds = Bounds(instrument);

        public string Name => instrument.Name;

        /// <summary>Counters and gauges keep one sum; histograms keep bucket counts, then sum and count.</summary>
        public void Record(double value, string labels)
        {
            lock (_lock)
            {
                if (!_series.TryGetValue(labels, out var state))
                {
                    state = new double[_histogram ? _bounds.Length + 2 : 1];
                    _series[labels] = state;
                }

                if (!_histogram)
                {
                    state[0] += value;
                    return;
                }

                for (var i = 0; i < _bounds.Length; i++)
                {
                    if (value <= _bounds[i])
                    {
                        state[i]++;
                    }
                }

                state[_bounds.Length] += value;
                state[_bounds.Length + 1]++;
            }
        }

        public void Write(StringBuilder text)
        {
            lock (_lock)
            {
                var type = _histogram ? "histogram" : _monotonic ? "counter" : "gauge";
                if (instrument.Description is { Length: > 0 } help)
                {
                    text.Append("# HELP ").Append(Name).Append(' ').Append(help.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
                }

                text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
                foreach (var (labels, state) in _series)
                {
                    if (!_histogram)
                    {
                        Sample(text, Name, labels, state[0]);
                        continue;
                    }

                    for (var i = 0; i < _bounds.Length; i++)
                    {
                        Sample(text, Name + "_bucket", Join(labels, $"le=\"{Number(_bounds[i])}\""), state[i]);
                    }

                    Sample(text, Name + "_bucket", Join(labels, "le=\"+Inf\""), state[_bounds.Length + 1]);
                    Sample(text, Name + "_sum", labels, state[_bounds.Length]);
                    Sample(text, Name + "_count", labels, state[_bounds.Length + 1]);
                }
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, double value)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(Number(value)).Append('\n');
        }

        private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

        private static double[] Bounds(Instrument instrument) =>
            instrument is Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised } ? [.. advised] : DefaultBuckets;
    }
}
