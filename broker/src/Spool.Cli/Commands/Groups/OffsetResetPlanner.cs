using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client;
using Spool.Client.Admin;
using Spool.Protocol;

namespace Spool.Cli.Commands.Groups;

/// <summary>
/// Works out the new offset of every selected partition the way kafka-consumer-groups.sh does: absolute and
/// shifted offsets are clamped into [log start, log end], and a time with no record at or after it means the log end.
/// </summary>
internal static class OffsetResetPlanner
{
    public static async Task<List<OffsetChangeJson>> PlanAsync(
        KafkaAdminClient admin,
        string groupId,
        IReadOnlyList<TopicSelection>? topics,
        ResetStrategy strategy,
        IProgressTracker progress,
        CancellationToken cancellationToken)
    {
        var committed = await GroupInspector.CommittedAsync(admin, groupId, cancellationToken);
        var partitions = topics is null ? AllCommitted(groupId, committed) : await SelectAsync(admin, topics, cancellationToken);
        progress.Describe($"looking up offsets of {partitions.Count} partition(s)");
        var earliest = await GroupInspector.ListOffsetsAsync(admin, partitions, _ => OffsetSpec.Earliest, cancellationToken);
        var latest = await GroupInspector.ListOffsetsAsync(admin, partitions, _ => OffsetSpec.Latest, cancellationToken);
        var byTime = strategy.Kind == ResetKind.Timestamp
            ? await GroupInspector.ListOffsetsAsync(admin, partitions, _ => OffsetSpec.ForTimestamp(strategy.Value), cancellationToken)
            : [];

        var changes = new List<OffsetChangeJson>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (!earliest.TryGetValue(partition, out var start) || !latest.TryGetValue(partition, out var end))
            {
                throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"the offsets of {partition} could not be looked up");
            }

            long? current = committed.TryGetValue(partition, out var c) ? c : null;
            var target = strategy.Kind switch
            {
                ResetKind.Earliest => start,
                ResetKind.Latest => end,
                ResetKind.Offset => strategy.Value,
                ResetKind.ShiftBy => (current ?? throw NothingToShift(groupId, partition)) + strategy.Value,
                ResetKind.Timestamp => byTime.TryGetValue(partition, out var at) && at >= 0 ? at : end,
                _ => throw new InvalidOperationException($"unknown reset kind {strategy.Kind}"),
            };
            changes.Add(new OffsetChangeJson(partition.Topic, partition.Partition, current, Math.Clamp(target, start, end)));
            progress.Advance(1);
        }

        return changes;
    }

    private static List<TopicPartition> AllCommitted(string groupId, Dictionary<TopicPartition, long> committed) =>
        committed.Count > 0
            ? [.. committed.Keys.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition)]
            : throw CliException.Usage($"group '{groupId}' has no committed offsets, so --all-topics selects nothing: name topics with --topic");

    private static async Task<List<TopicPartition>> SelectAsync(KafkaAdminClient admin, IReadOnlyList<TopicSelection> topics, CancellationToken cancellationToken)
    {
        var described = await admin.DescribeTopicsAsync(topics.Select(t => t.Topic).Distinct(StringComparer.Ordinal), cancellationToken: cancellationToken);
        var partitionsOf = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var topic in described)
        {
            partitionsOf[topic.Name] = topic.Error switch
            {
                null => [.. topic.Partitions.Select(p => p.Partition)],
                { Error: ErrorCode.UnknownTopicOrPartition } => throw CliException.UnknownTopic(topic.Name),
                { } error => throw error,
            };
        }

        var selected = new SortedSet<TopicPartition>(Comparer<TopicPartition>.Create((a, b) =>
            string.CompareOrdinal(a.Topic, b.Topic) is var byTopic and not 0 ? byTopic : a.Partition.CompareTo(b.Partition)));
        foreach (var topic in topics)
        {
            var existing = partitionsOf[topic.Topic];
            foreach (var partition in topic.Partitions ?? [.. existing])
            {
                selected.Add(existing.Contains(partition)
                    ? new TopicPartition(topic.Topic, partition)
                    : throw new CliException(ExitCodes.NotFound, "UNKNOWN_TOPIC_OR_PARTITION", $"topic '{topic.Topic}' has no partition {partition}"));
            }
        }

        return [.. selected];
    }

    private static CliException NothingToShift(string groupId, TopicPartition partition) =>
        new(ExitCodes.Refused, "NO_COMMITTED_OFFSET", $"cannot shift the offset of {partition}: group '{groupId}' has no committed offset for it");
}
