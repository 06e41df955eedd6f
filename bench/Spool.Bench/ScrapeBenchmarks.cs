using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Spool.Observability.Prometheus;

namespace Spool.Bench;

/// <summary>
/// Recording a measurement (the hot path: every request records a counter and a histogram) and a /metrics scrape
/// of a broker-sized meter (per-partition series for 1,000 partitions). Both should allocate nothing in the
/// steady state: the scrape writes into a reused buffer.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalSetup creates them, GlobalCleanup disposes them.")]
public class ScrapeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private Meter _meter = null!;
    private PrometheusExporter _exporter = null!;
    private Counter<long> _requests = null!;
    private Histogram<double> _latency = null!;
    private KeyValuePair<string, object?>[] _tags = [];

    [GlobalSetup]
    public void Setup()
    {
        _meter = new Meter("spool-bench");
        _exporter = new PrometheusExporter(instrument => ReferenceEquals(instrument.Meter, _meter));
        _requests = _meter.CreateCounter<long>("kafka_requests_total", description: "Requests.");
        _latency = _meter.CreateHistogram<double>("kafka_request_seconds", description: "Latency.");
        var offsets = _meter.CreateCounter<long>("partition_records_total", description: "Records per partition.");
        for (var p = 0; p < 1000; p++)
        {
            offsets.Add(p, new KeyValuePair<string, object?>("topic", "t" + (p / 50)), new KeyValuePair<string, object?>("partition", p % 50));
        }

        _tags = [new("api", "Produce"), new("version", 11)];
        _requests.Add(1, _tags);
        _latency.Record(0.001, _tags);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Benchmark]
    public void RecordRequest()
    {
        _requests.Add(1, _tags);
        _latency.Record(0.0012, _tags);
    }

    [Benchmark]
    public int Scrape()
    {
        _buffer.ResetWrittenCount();
        _exporter.Collect(_buffer);
        return _buffer.WrittenCount;
    }
}
