using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Spool.Observability.Prometheus;

/// <summary>
/// Exports System.Diagnostics.Metrics instruments in the Prometheus text format 0.0.4. A MeterListener feeds
/// every measurement into a per-(instrument, label set) accumulator found through a lock-free dictionary
/// lookup and updated with interlocked operations, so recording never takes a lock. A scrape polls the
/// observable instruments, then walks the accumulators in a stable order (families by name, series by labels)
/// and writes into a buffer reused across scrapes.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = PrometheusText.ContentType;

    private readonly MeterListener _listener = new();
    private readonly Func<Instrument, bool> _include;
    private readonly ILogger? _logger;
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly object _collectLock = new();
    private readonly SemaphoreSlim _bufferGate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private int _familiesVersion;
    private int _sortedVersion = -1;
    private MetricFamily[] _sorted = [];
    private int _generation;

    /// <summary>Exports the instruments that <paramref name="include"/> selects (typically those of one Meter instance).</summary>
    public PrometheusExporter(Func<Instrument, bool> include, ILogger? logger = null)
    {
        _include = include;
        _logger = logger;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricFamily)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Polls the observable instruments and writes every family to <paramref name="output"/>.</summary>
    public void Collect(IBufferWriter<byte> output)
    {
        lock (_collectLock)
        {
            var families = SortedFamilies();
            var generation = ++_generation;
            foreach (var family in families)
            {
                if (family is LastValueFamily { IsObservable: true } observed)
                {
                    observed.Generation = generation;
                }
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException e)
            {
                // One failing callback must not cost the whole scrape: the others have been recorded.
                _logger?.LogWarning(e, "An observable metric callback failed; its series are missing from this scrape");
            }

            foreach (var family in families)
            {
                family.Write(output);
            }
        }
    }

    /// <summary>The exposition as a string (tests and tools).</summary>
    public string CollectText()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Collect(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Collects into the reused buffer and writes it to <paramref name="destination"/> (the /metrics response).</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await _bufferGate.WaitAsync(cancellationToken);
        try
        {
            _buffer.ResetWrittenCount();
            Collect(_buffer);
            await destination.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        }
        finally
        {
            _bufferGate.Release();
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _bufferGate.Dispose();
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_include(instrument) || InstrumentFamilies.Create(instrument) is not { } created)
        {
            return;
        }

        var family = _families.GetOrAdd(created.Name, created);
        if (!ReferenceEquals(family, created) && (family.GetType() != created.GetType() || family.Type != created.Type))
        {
            _logger?.LogWarning("Metric {Name} is defined twice with different types; the second definition is not exported", created.Name);
            return;
        }

        Interlocked.Increment(ref _familiesVersion);
        listener.EnableMeasurementEvents(instrument, family);
    }

    private MetricFamily[] SortedFamilies()
    {
        var version = Volatile.Read(ref _familiesVersion);
        if (version != _sortedVersion)
        {
            _sorted = _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
            _sortedVersion = version;
        }

        return _sorted;
    }
}
