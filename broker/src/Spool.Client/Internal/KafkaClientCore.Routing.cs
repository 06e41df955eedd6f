using Spool.Protocol;

namespace Spool.Client.Internal;

/// <summary>Routing partition requests to partition leaders.</summary>
internal sealed partial class KafkaClientCore
{
    /// <summary>
    /// Groups partitions by their leader after making sure the metadata covers their topics. Partitions of
    /// topics that do not exist, or beyond a topic's partition count, fail for good; partitions without a
    /// leader fail with the retriable LEADER_NOT_AVAILABLE. Admin operations treat a topic missing from fresh
    /// metadata as final; consumers wait for it (it may be about to be created).
    /// </summary>
    public async Task<(Dictionary<int, List<TopicPartition>> ByLeader, List<(TopicPartition Partition, KafkaException Error)> Failed)> GroupByLeaderAsync(
        IEnumerable<TopicPartition> partitions, bool missingIsFinal, CancellationToken cancellationToken)
    {
        var list = partitions.ToList();
        var topics = list.Select(p => p.Topic).Distinct(StringComparer.Ordinal).ToList();
        var metadata = Metadata.Current;
        if (Metadata.NeedsUpdate || topics.Any(t => metadata.Topic(t) is not { Error: ErrorCode.None }))
        {
            metadata = await Metadata.RefreshAsync(topics, cancellationToken);
        }

        var byLeader = new Dictionary<int, List<TopicPartition>>();
        var failed = new List<(TopicPartition, KafkaException)>();
        foreach (var partition in list)
        {
            var topic = metadata.Topic(partition.Topic);
            if (topic is null || topic.Error == ErrorCode.UnknownTopicOrPartition)
            {
                failed.Add((partition, new KafkaException(ErrorCode.UnknownTopicOrPartition, $"topic {partition.Topic} does not exist", retriable: !missingIsFinal)));
                continue;
            }

            if (topic.Error != ErrorCode.None)
            {
                failed.Add((partition, new KafkaException(topic.Error, $"topic {partition.Topic}")));
                continue;
            }

            var info = topic.Partition(partition.Partition);
            if (info is null)
            {
                failed.Add((partition, new KafkaException(ErrorCode.UnknownTopicOrPartition, $"{partition} does not exist (the topic has {topic.Partitions.Count} partitions)", retriable: !missingIsFinal)));
            }
            else if (info.Leader < 0)
            {
                failed.Add((partition, new KafkaException(ErrorCode.LeaderNotAvailable, $"{partition} has no leader")));
            }
            else
            {
                if (!byLeader.TryGetValue(info.Leader, out var group))
                {
                    byLeader[info.Leader] = group = [];
                }

                group.Add(partition);
            }
        }

        return (byLeader, failed);
    }

    /// <summary>
    /// Sends one request per leader in parallel and gathers the per-partition outcomes; a request that fails
    /// as a whole fails its partitions with that error.
    /// </summary>
    public async Task<IEnumerable<ItemOutcome<TopicPartition, TResult>>> FanOutToLeadersAsync<TResult>(
        IReadOnlyList<TopicPartition> partitions,
        Func<int, IReadOnlyList<TopicPartition>, CancellationToken, Task<IEnumerable<ItemOutcome<TopicPartition, TResult>>>> send,
        bool missingIsFinal,
        CancellationToken cancellationToken)
    {
        var (byLeader, failed) = await GroupByLeaderAsync(partitions, missingIsFinal, cancellationToken);
        var outcomes = failed.Select(f => new ItemOutcome<TopicPartition, TResult>(f.Partition, default, f.Error)).ToList();
        var calls = byLeader.Select(async group =>
        {
            try
            {
                return await send(group.Key, group.Value, cancellationToken);
            }
            catch (KafkaException e)
            {
                return group.Value.Select(p => new ItemOutcome<TopicPartition, TResult>(p, default, e));
            }
        });
        foreach (var result in await Task.WhenAll(calls))
        {
            outcomes.AddRange(result);
        }

        return outcomes;
    }
}
