using Spool.Client.Admin;
using Spool.Operator.Entities;
using Spool.Protocol.Configs;

namespace Spool.Operator.Reconcilers;

/// <summary>
/// Compares a Topic's spec with the topic in Kafka. Kafka can add partitions but not remove them, and Spool cannot
/// reassign replicas yet, so a lower partition count or another replication factor is refused in status while
/// everything else (configs) is still applied. Configs are the spec's exactly: a per-topic override set outside the
/// resource is removed (drift revert).
/// </summary>
public static class TopicPlanner
{
    /// <param name="topicName">The topic's Kafka name.</param>
    /// <param name="spec">The Topic's spec.</param>
    /// <param name="actual">The topic as described, or null when it does not exist.</param>
    /// <param name="configs">The topic's configs as described (only DynamicTopicConfig entries are the topic's own).</param>
    public static TopicPlan Plan(string topicName, TopicSpec spec, TopicDescription? actual, IReadOnlyList<ConfigEntry>? configs)
    {
        if (actual is null)
        {
            return new TopicPlan(true, null, [], []);
        }

        var refusals = new List<ConditionState>();
        int? raise = null;
        var partitions = actual.Partitions.Count;
        if (spec.Partitions > partitions)
        {
            raise = spec.Partitions;
        }
        else if (spec.Partitions < partitions)
        {
            refusals.Add(new ConditionState(Conditions.Ready, false, Reasons.PartitionDecreaseRefused,
                $"spec.partitions is {spec.Partitions} but topic {topicName} has {partitions} partitions: Kafka cannot remove partitions, so the topic keeps {partitions}. Set spec.partitions to {partitions} or more (or delete and recreate the topic)."));
        }

        var replicationFactor = actual.Partitions.Count > 0 ? actual.Partitions.Max(p => p.Replicas.Count) : 0;
        if (spec.ReplicationFactor is { } wanted && replicationFactor > 0 && wanted != replicationFactor)
        {
            refusals.Add(new ConditionState(Conditions.Ready, false, Reasons.ReplicationFactorChangeRefused,
                $"spec.replicationFactor is {wanted} but topic {topicName} has {replicationFactor} replicas per partition: changing it needs a partition reassignment, which Spool does not do yet."));
        }

        return new TopicPlan(false, raise, ConfigChanges(spec.Config, configs ?? []), refusals);
    }

    /// <summary>Set what differs from the topic's own overrides, delete overrides the spec does not name, in key order.</summary>
    public static IReadOnlyList<AlterConfigOp> ConfigChanges(IReadOnlyDictionary<string, string>? desired, IReadOnlyList<ConfigEntry> actual)
    {
        var overrides = actual.Where(e => e.Source == ConfigSource.DynamicTopicConfig).ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var wanted = desired ?? new Dictionary<string, string>();
        var changes = new List<AlterConfigOp>();
        foreach (var (name, value) in wanted.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!overrides.TryGetValue(name, out var current) || current != value)
            {
                changes.Add(AlterConfigOp.Set(name, value));
            }
        }

        foreach (var name in overrides.Keys.Where(k => !wanted.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            changes.Add(AlterConfigOp.Delete(name));
        }

        return changes;
    }
}
