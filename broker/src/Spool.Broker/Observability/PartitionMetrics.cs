using System.Diagnostics.Metrics;
using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Broker.Partitions;

namespace Spool.Broker.Observability;

/// <summary>
/// Partition metrics. Per partition (labels topic, partition; off with metrics.partition.level.enabled=false):
/// offsets, under-replicated flag and replica counts from the partition's leader, size on disk from every replica.
/// Always: per-topic size and broker-level counts (hosted, led, under-replicated, and offline from the active
/// controller), which stay cheap however many partitions there are.
/// </summary>
public sealed class PartitionMetrics : IObservableMetrics
{
    private readonly ReplicaManager _replicas;
    private readonly MetadataManager _metadata;
    private readonly bool _partitionLevel;
    private readonly SnapshotCache<PartitionSnapshot> _snapshot;

    public PartitionMetrics(BrokerMeter meter, ReplicaManager replicas, MetadataManager metadata, BrokerConfig config, TimeProvider time)
    {
        _replicas = replicas;
        _metadata = metadata;
        _partitionLevel = config.GetBool(BrokerConfigKeys.MetricsPartitionLevelEnabled);
        _snapshot = new SnapshotCache<PartitionSnapshot>(Build, time);
        var m = meter.Meter;

        if (_partitionLevel)
        {
            m.CreateObservableGauge("spool_partition_log_start_offset", () => _snapshot.Get().LogStartOffset,
                description: "First offset still in the partition's log (leader).");
            m.CreateObservableGauge("spool_partition_log_end_offset", () => _snapshot.Get().LogEndOffset,
                description: "Offset the next record appended to the partition gets (leader).");
            m.CreateObservableGauge("spool_partition_high_watermark", () => _snapshot.Get().HighWatermark,
                description: "Offset up to which the partition is replicated to the ISR and readable by consumers (leader).");
            m.CreateObservableGauge("spool_partition_size_bytes", () => _snapshot.Get().Size, unit: "By",
                description: "Bytes of the partition's log segments on this broker (every replica).");
            m.CreateObservableGauge("spool_partition_under_replicated", () => _snapshot.Get().UnderReplicated,
                description: "1 when fewer replicas than assigned are in sync (leader), else 0.");
            m.CreateObservableGauge("spool_partition_in_sync_replicas", () => _snapshot.Get().InSyncReplicas,
                description: "Replicas in the partition's ISR (leader).");
            m.CreateObservableGauge("spool_partition_replicas", () => _snapshot.Get().Replicas,
                description: "Replicas assigned to the partition (leader).");
        }

        m.CreateObservableGauge("spool_topic_size_bytes", () => _snapshot.Get().TopicSize, unit: "By",
            description: "Bytes of the topic's partition logs on this broker.");
        m.CreateObservableGauge("spool_partitions", () => _snapshot.Get().Hosted,
            description: "Partition replicas hosted by this broker.");
        m.CreateObservableGauge("spool_leader_partitions", () => _snapshot.Get().Led,
            description: "Partitions this broker leads.");
        m.CreateObservableGauge("spool_under_replicated_partitions", () => _snapshot.Get().UnderReplicatedCount,
            description: "Partitions this broker leads whose ISR is smaller than their replica set.");
        m.CreateObservableGauge("spool_offline_partitions", () => _snapshot.Get().Offline,
            description: "Partitions without a live leader (counted by the active controller; 0 on other brokers).");
    }

    private PartitionSnapshot Build()
    {
        var snapshot = new PartitionSnapshot();
        var node = _metadata.NodeId;
        var topicSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var partition in _replicas.Partitions)
        {
            var log = partition.Log;
            var placement = partition.Placement;
            var topic = partition.TopicPartition.Topic;
            var size = log.Size;
            topicSizes[topic] = topicSizes.GetValueOrDefault(topic) + size;
            snapshot.Hosted++;
            var leader = placement.Leader == node;
            var under = leader && placement.Isr.Count < placement.Replicas.Count;
            snapshot.Led += leader ? 1 : 0;
            snapshot.UnderReplicatedCount += under ? 1 : 0;
            if (!_partitionLevel)
            {
                continue;
            }

            KeyValuePair<string, object?>[] tags =
            [
                new("topic", topic),
                new("partition", PartitionLabels.Of(partition.TopicPartition.Partition)),
            ];
            snapshot.Size.Add(new Measurement<long>(size, tags));
            if (leader)
            {
                snapshot.LogStartOffset.Add(new Measurement<long>(log.LogStartOffset, tags));
                snapshot.LogEndOffset.Add(new Measurement<long>(log.LogEndOffset, tags));
                snapshot.HighWatermark.Add(new Measurement<long>(log.HighWatermark, tags));
                snapshot.UnderReplicated.Add(new Measurement<long>(under ? 1 : 0, tags));
                snapshot.InSyncReplicas.Add(new Measurement<long>(placement.Isr.Count, tags));
                snapshot.Replicas.Add(new Measurement<long>(placement.Replicas.Count, tags));
            }
        }

        foreach (var (topic, size) in topicSizes)
        {
            snapshot.TopicSize.Add(new Measurement<long>(size, new KeyValuePair<string, object?>("topic", topic)));
        }

        snapshot.Offline = CountOffline(_metadata.Image, node);
        return snapshot;
    }

    private static long CountOffline(ClusterImage image, int node)
    {
        if (image.ControllerId != node)
        {
            return 0;
        }

        long offline = 0;
        foreach (var topic in image.Topics.Values)
        {
            foreach (var partition in topic.Partitions)
            {
                if (partition.Leader < 0 || !image.Brokers.TryGetValue(partition.Leader, out var broker) || broker.Fenced)
                {
                    offline++;
                }
            }
        }

        return offline;
    }
}
