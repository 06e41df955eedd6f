using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Internal;

/// <summary>Committing and fetching a group's offsets at its coordinator (OffsetCommit, OffsetFetch).</summary>
internal sealed partial class KafkaClientCore
{
    /// <summary>
    /// The group's committed offsets (all partitions when <paramref name="partitions"/> is null). Group-level
    /// errors throw; partition-level errors are in the outcomes.
    /// </summary>
    public async Task<List<ItemOutcome<TopicPartition, OffsetAndMetadata>>> FetchCommittedOffsetsAsync(
        string groupId, IReadOnlyCollection<TopicPartition>? partitions, bool requireStable, CancellationToken cancellationToken)
    {
        var connection = await ConnectToCoordinatorAsync(groupId, cancellationToken);
        var topics = partitions?.GroupBy(p => p.Topic).Select(g => (Topic: g.Key, Partitions: g.Select(p => p.Partition).ToList())).ToList();
        var response = await SendAsync<OffsetFetchRequest, OffsetFetchResponse>(connection, _ => new OffsetFetchRequest
        {
            GroupId = groupId,
            Topics = topics?.Select(t => new OffsetFetchRequest.OffsetFetchRequestTopic { Name = t.Topic, PartitionIndexes = t.Partitions }).ToList(),
            Groups =
            [
                new OffsetFetchRequest.OffsetFetchRequestGroup
                {
                    GroupId = groupId,
                    Topics = topics?.Select(t => new OffsetFetchRequest.OffsetFetchRequestTopics { Name = t.Topic, PartitionIndexes = t.Partitions }).ToList(),
                },
            ],
            RequireStable = requireStable,
        }, cancellationToken);

        var outcomes = new List<ItemOutcome<TopicPartition, OffsetAndMetadata>>();
        if (response.Groups.Count > 0)
        {
            var group = response.Groups.FirstOrDefault(g => g.GroupId == groupId) ?? response.Groups[0];
            if (CheckGroupError(groupId, group.ErrorCode, null, "OffsetFetch") is { } error)
            {
                throw error;
            }

            foreach (var topic in group.Topics)
            {
                outcomes.AddRange(topic.Partitions.Select(p => Committed(topic.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode)));
            }
        }
        else
        {
            if (CheckGroupError(groupId, response.ErrorCode, null, "OffsetFetch") is { } error)
            {
                throw error;
            }

            foreach (var topic in response.Topics)
            {
                outcomes.AddRange(topic.Partitions.Select(p => Committed(topic.Name, p.PartitionIndex, p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode)));
            }
        }

        // Old brokers report some group errors (e.g. a coordinator that is loading) on every partition instead.
        if (outcomes.FirstOrDefault(o => o.Error is { Error: ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable or ErrorCode.CoordinatorLoadInProgress }).Error is { } moved)
        {
            InvalidateCoordinator(groupId);
            throw moved;
        }

        return outcomes;
    }

    /// <summary>
    /// Commits offsets for the group; a generation of -1 and an empty member id commit outside any membership
    /// (admin tools, consumers with manual assignment). Coordinator-level errors throw, others are per partition.
    /// </summary>
    public async Task<List<ItemOutcome<TopicPartition, bool>>> CommitOffsetsAsync(
        string groupId,
        int generationId,
        string memberId,
        string? groupInstanceId,
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets,
        CancellationToken cancellationToken)
    {
        var connection = await ConnectToCoordinatorAsync(groupId, cancellationToken);
        var response = await SendAsync<OffsetCommitRequest, OffsetCommitResponse>(connection, _ => new OffsetCommitRequest
        {
            GroupId = groupId,
            GenerationIdOrMemberEpoch = generationId,
            MemberId = memberId,
            GroupInstanceId = groupInstanceId,
            Topics = [.. offsets.GroupBy(o => o.Key.Topic).Select(g => new OffsetCommitRequest.OffsetCommitRequestTopic
            {
                Name = g.Key,
                Partitions = [.. g.Select(o => new OffsetCommitRequest.OffsetCommitRequestPartition
                {
                    PartitionIndex = o.Key.Partition,
                    CommittedOffset = o.Value.Offset,
                    CommittedLeaderEpoch = o.Value.LeaderEpoch ?? -1,
                    CommittedMetadata = o.Value.Metadata ?? "",
                })],
            })],
        }, cancellationToken);

        var outcomes = response.Topics
            .SelectMany(t => t.Partitions.Select(p => new ItemOutcome<TopicPartition, bool>(
                new TopicPartition(t.Name, p.PartitionIndex),
                p.ErrorCode == 0,
                CheckGroupError(groupId, p.ErrorCode, null, $"OffsetCommit {t.Name}-{p.PartitionIndex}"))))
            .ToList();
        if (outcomes.FirstOrDefault(o => o.Error is { Error: ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable or ErrorCode.CoordinatorLoadInProgress }).Error is { } moved)
        {
            throw moved;
        }

        return outcomes;
    }

    private static ItemOutcome<TopicPartition, OffsetAndMetadata> Committed(string topic, int partition, long offset, int epoch, string? metadata, short error)
    {
        var tp = new TopicPartition(topic, partition);
        return error == 0
            ? new ItemOutcome<TopicPartition, OffsetAndMetadata>(tp, new OffsetAndMetadata(offset, metadata, epoch < 0 ? null : epoch), null)
            : new ItemOutcome<TopicPartition, OffsetAndMetadata>(tp, null, new KafkaException((ErrorCode)error, $"committed offset of {tp}"));
    }
}
