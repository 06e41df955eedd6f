using System.Diagnostics.Metrics;
using Spool.Broker.Configuration;
using Spool.Broker.Groups;
using Spool.Broker.Partitions;

namespace Spool.Broker.Observability;

/// <summary>
/// Consumer group metrics of the groups this broker coordinates: state, members, and per committed partition the
/// committed offset, the lag in records (high watermark - committed, never negative) and the lag in seconds (age
/// of the next record to consume, 0 when caught up); per (group, topic) the summed lag and the largest lag in
/// seconds. Partitions without a committed offset have no lag series: where such a consumer starts depends on
/// its auto.offset.reset, which the broker never sees. Lag is computed from this broker's replica of the
/// partition; partitions it does not host are left out.
/// </summary>
public sealed class GroupMetrics : IObservableMetrics
{
    private static readonly (GroupState State, string Name)[] ReportedStates = Enum.GetValues<GroupState>()
        .Where(s => s != GroupState.Dead)
        .Select(s => (s, s.ToString()))
        .ToArray();

    private readonly GroupCoordinator _groups;
    private readonly ReplicaManager _replicas;
    private readonly TimeProvider _time;
    private readonly bool _partitionLevel;
    private readonly RecordTimestampCache _timestamps = new();
    private readonly SnapshotCache<GroupSnapshot> _snapshot;

    public GroupMetrics(BrokerMeter meter, GroupCoordinator groups, ReplicaManager replicas, BrokerConfig config, TimeProvider time)
    {
        _groups = groups;
        _replicas = replicas;
        _time = time;
        _partitionLevel = config.GetBool(BrokerConfigKeys.MetricsPartitionLevelEnabled);
        _snapshot = new SnapshotCache<GroupSnapshot>(Build, time);
        var m = meter.Meter;

        m.CreateObservableGauge("spool_consumer_group_state", () => _snapshot.Get().State,
            description: "1 for the group's current state, 0 for its other states (Empty, PreparingRebalance, CompletingRebalance, Stable).");
        m.CreateObservableGauge("spool_consumer_group_members", () => _snapshot.Get().Members,
            description: "Members of the group.");
        if (_partitionLevel)
        {
            m.CreateObservableGauge("spool_consumer_group_committed_offset", () => _snapshot.Get().CommittedOffset,
                description: "The group's committed offset of the partition.");
            m.CreateObservableGauge("spool_consumer_group_lag", () => _snapshot.Get().Lag,
                description: "Records of the partition the group has not committed yet: high watermark - committed offset.");
            m.CreateObservableGauge("spool_consumer_group_lag_seconds", () => _snapshot.Get().LagSeconds, unit: "s",
                description: "Age of the next record the group has to consume from the partition; 0 when caught up.");
        }

        m.CreateObservableGauge("spool_consumer_group_topic_lag", () => _snapshot.Get().TopicLag,
            description: "The group's lag summed over the topic's committed partitions.");
        m.CreateObservableGauge("spool_consumer_group_topic_lag_seconds", () => _snapshot.Get().TopicLagSeconds, unit: "s",
            description: "The largest lag in seconds over the topic's committed partitions.");
    }

    private GroupSnapshot Build()
    {
        var snapshot = new GroupSnapshot();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _timestamps.BeginPass();
        foreach (var group in _groups.DescribeAll())
        {
            var groupTag = new KeyValuePair<string, object?>("group", group.GroupId);
            foreach (var (state, name) in ReportedStates)
            {
                snapshot.State.Add(new Measurement<long>(group.State == state ? 1 : 0, groupTag, new KeyValuePair<string, object?>("state", name)));
            }

            snapshot.Members.Add(new Measurement<long>(group.Members.Count, groupTag));
            AddLag(snapshot, group, groupTag, now);
        }

        _timestamps.EndPass();
        return snapshot;
    }

    private void AddLag(GroupSnapshot snapshot, GroupDescription group, KeyValuePair<string, object?> groupTag, long now)
    {
        var topics = new Dictionary<string, (long Lag, double Seconds)>(StringComparer.Ordinal);
        foreach (var (tp, committed) in group.Offsets)
        {
            if (!_replicas.TryGetPartition(tp, out var partition))
            {
                continue;
            }

            var log = partition.Log;
            var highWatermark = log.HighWatermark;
            var lag = Math.Max(0, highWatermark - committed.Offset);
            var seconds = 0.0;

            // Below the log start offset the next record a consumer can get is the first one still retained.
            if (lag > 0 && _timestamps.TimestampAt(log, Math.Max(committed.Offset, log.LogStartOffset), highWatermark) is { } timestamp)
            {
                seconds = Math.Max(0, (now - timestamp) / 1000.0);
            }

            var total = topics.GetValueOrDefault(tp.Topic);
            topics[tp.Topic] = (total.Lag + lag, Math.Max(total.Seconds, seconds));
            if (_partitionLevel)
            {
                KeyValuePair<string, object?>[] tags = [groupTag, new("topic", tp.Topic), new("partition", PartitionLabels.Of(tp.Partition))];
                snapshot.CommittedOffset.Add(new Measurement<long>(committed.Offset, tags));
                snapshot.Lag.Add(new Measurement<long>(lag, tags));
                snapshot.LagSeconds.Add(new Measurement<double>(seconds, tags));
            }
        }

        foreach (var (topic, total) in topics)
        {
            KeyValuePair<string, object?>[] tags = [groupTag, new("topic", topic)];
            snapshot.TopicLag.Add(new Measurement<long>(total.Lag, tags));
            snapshot.TopicLagSeconds.Add(new Measurement<double>(total.Seconds, tags));
        }
    }
}
