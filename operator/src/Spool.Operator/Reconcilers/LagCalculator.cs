using Spool.Client;
using Spool.Operator.Entities;

namespace Spool.Operator.Reconcilers;

/// <summary>
/// A group's lag per topic: log end offset minus committed offset, summed over the partitions that have a committed
/// offset (kafka-consumer-groups.sh shows "-" for the others, and so does not count them).
/// </summary>
public static class LagCalculator
{
    /// <param name="partitionsByTopic">Partition count of each reported topic.</param>
    /// <param name="committed">Committed offsets (partitions without one are absent).</param>
    /// <param name="endOffsets">Log end offsets.</param>
    public static List<TopicLag> Compute(
        IReadOnlyDictionary<string, int> partitionsByTopic,
        IReadOnlyDictionary<TopicPartition, long> committed,
        IReadOnlyDictionary<TopicPartition, long> endOffsets)
    {
        var result = new List<TopicLag>();
        foreach (var (topic, partitions) in partitionsByTopic.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            long lag = 0;
            var withCommit = 0;
            for (var p = 0; p < partitions; p++)
            {
                var tp = new TopicPartition(topic, p);
                if (!committed.TryGetValue(tp, out var offset) || offset < 0)
                {
                    continue;
                }

                withCommit++;
                if (endOffsets.TryGetValue(tp, out var end))
                {
                    lag += Math.Max(0, end - offset);
                }
            }

            result.Add(new TopicLag { Topic = topic, Lag = lag, CommittedPartitions = withCommit, Partitions = partitions });
        }

        return result;
    }
}
