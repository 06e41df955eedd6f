using Spool.Cli.Output;
using Spool.Client.Admin;
using Spool.Protocol.Configs;

namespace Spool.Cli.Commands.Topics;

/// <summary>Derived facts about described topics, shared by the topic commands.</summary>
internal static class TopicFormat
{
    /// <summary>The replication factor as kafka-topics.sh reports it: the replica count of the first partition.</summary>
    public static int ReplicationFactor(TopicDescription topic) =>
        topic.Partitions.Count == 0 ? 0 : topic.Partitions.OrderBy(p => p.Partition).First().Replicas.Count;

    public static PartitionJson Partition(TopicPartitionInfo p) =>
        new(p.Partition, p.Leader, p.LeaderEpoch, p.Replicas, p.Isr, p.OfflineReplicas);

    /// <summary>
    /// The configs worth showing: those not at Kafka's built-in default (topic overrides, and broker settings that
    /// apply to the topic). Sensitive values are null.
    /// </summary>
    public static SortedDictionary<string, string?> NonDefaultConfigs(ConfigDescription? configs)
    {
        var result = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in configs?.Entries ?? [])
        {
            if (!entry.IsDefault && entry.Source != ConfigSource.Unknown)
            {
                result[entry.Name] = entry.IsSensitive ? null : entry.Value;
            }
        }

        return result;
    }
}
