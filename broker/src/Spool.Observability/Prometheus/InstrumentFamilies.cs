using System.Diagnostics.Metrics;

namespace Spool.Observability.Prometheus;

/// <summary>Maps an instrument to its Prometheus family: kind, name (counters end in _total) and buckets.</summary>
internal static class InstrumentFamilies
{
    public static MetricFamily? Create(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var valueType = type.GetGenericArguments()[0];
        var floating = valueType == typeof(double) || valueType == typeof(float) || valueType == typeof(decimal);
        var help = instrument.Description;
        var name = MetricNames.SanitizeMetric(instrument.Name);
        if (definition == typeof(Counter<>))
        {
            return new SumFamily(MetricNames.CounterName(instrument.Name), "counter", help, floating);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new SumFamily(name, "gauge", help, floating);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return new LastValueFamily(MetricNames.CounterName(instrument.Name), "counter", help, floating, observable: true);
        }

        if (definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>))
        {
            return new LastValueFamily(name, "gauge", help, floating, observable: true);
        }

        if (definition == typeof(Gauge<>))
        {
            return new LastValueFamily(name, "gauge", help, floating, observable: false);
        }

        return definition == typeof(Histogram<>) ? new HistogramFamily(name, help, BucketAdvice(instrument)) : null;
    }

    private static IEnumerable<double>? BucketAdvice(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        _ => null,
    };
}
