using System.Diagnostics.Metrics;

namespace Spool.Broker.Observability;

/// <summary>Per-topic bytes and records in (produced) and out (fetched).</summary>
public sealed class TopicMetrics
{
    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _recordsIn;
    private readonly Counter<long> _bytesOut;
    private readonly Counter<long> _recordsOut;

    public TopicMetrics(BrokerMeter meter)
    {
        _bytesIn = meter.Meter.CreateCounter<long>("spool_topic_bytes_in_total", unit: "By", description: "Bytes of record batches appended, by topic.");
        _recordsIn = meter.Meter.CreateCounter<long>("spool_topic_records_in_total", description: "Records appended, by topic.");
        _bytesOut = meter.Meter.CreateCounter<long>("spool_topic_bytes_out_total", unit: "By", description: "Bytes of record batches sent to consumers, by topic.");
        _recordsOut = meter.Meter.CreateCounter<long>("spool_topic_records_out_total", description: "Records sent to consumers (counted by batch headers), by topic.");
    }

    public void Produced(string topic, long bytes, long records)
    {
        var tag = new KeyValuePair<string, object?>("topic", topic);
        _bytesIn.Add(bytes, tag);
        _recordsIn.Add(records, tag);
    }

    public void Fetched(string topic, long bytes, long records)
    {
        var tag = new KeyValuePair<string, object?>("topic", topic);
        _bytesOut.Add(bytes, tag);
        _recordsOut.Add(records, tag);
    }
}
