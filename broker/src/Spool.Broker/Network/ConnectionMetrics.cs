using System.Diagnostics.Metrics;
using Spool.Broker.Observability;

namespace Spool.Broker.Network;

/// <summary>Open Kafka connections per listener.</summary>
public sealed class ConnectionMetrics
{
    private readonly UpDownCounter<long> _open;
    private readonly Counter<long> _accepted;

    public ConnectionMetrics(BrokerMeter meter)
    {
        _open = meter.Meter.CreateUpDownCounter<long>("spool_connections", description: "Open client connections, by listener.");
        _accepted = meter.Meter.CreateCounter<long>("spool_connections_accepted_total", description: "Client connections accepted, by listener.");
    }

    public void Opened(string listener)
    {
        var tag = new KeyValuePair<string, object?>("listener", listener);
        _open.Add(1, tag);
        _accepted.Add(1, tag);
    }

    public void Closed(string listener) => _open.Add(-1, new KeyValuePair<string, object?>("listener", listener));
}
