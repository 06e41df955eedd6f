using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using Spool.Broker.Metadata;

namespace Spool.Broker.Observability;

/// <summary>Who this broker is (version, node id, cluster id), whether it is the active controller, and how many brokers are registered.</summary>
public sealed class BrokerInfoMetrics : IObservableMetrics
{
    private readonly MetadataManager _metadata;
    private readonly string _version;
    private readonly string _nodeId;

    public BrokerInfoMetrics(BrokerMeter meter, MetadataManager metadata)
    {
        _metadata = metadata;
        var assembly = typeof(BrokerInfoMetrics).Assembly;
        _version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        _nodeId = metadata.NodeId.ToString(CultureInfo.InvariantCulture);

        meter.Meter.CreateObservableGauge(
            "spool_broker_info",
            Info,
            description: "Always 1; the labels say the broker's version, node id and cluster id.");
        meter.Meter.CreateObservableGauge(
            "spool_broker_active_controller",
            () => _metadata.Image.ControllerId == _metadata.NodeId ? 1 : 0,
            description: "1 when this broker is the active controller of its cluster, else 0.");
        meter.Meter.CreateObservableGauge(
            "spool_cluster_brokers",
            () => _metadata.Image.Brokers.Values.Count(b => !b.Fenced),
            description: "Brokers registered and not fenced, as this broker's metadata shows them.");
    }

    private Measurement<int> Info() => new(
        1,
        new KeyValuePair<string, object?>("version", _version),
        new KeyValuePair<string, object?>("node_id", _nodeId),
        new KeyValuePair<string, object?>("cluster_id", _metadata.Image.ClusterId));
}
