using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// OffsetCommit v2+: offsets of partitions that do not exist are refused with UNKNOWN_TOPIC_OR_PARTITION; the
/// rest go to the coordinator, which answers after they are appended to __consumer_offsets. A retention time
/// (v2-v4) becomes the offset's expire time, as in Kafka.
/// </summary>
public sealed class OffsetCommitHandler : RequestHandler<OffsetCommitRequest, OffsetCommitResponse>
{
    private readonly GroupCoordinator _coordinator;
    private readonly MetadataManager _metadata;
    private readonly TimeProvider _time;

    public OffsetCommitHandler(GroupCoordinator coordinator, MetadataManager metadata, TimeProvider time)
    {
        _coordinator = coordinator;
        _metadata = metadata;
        _time = time;
    }

    protected override ValueTask<OffsetCommitResponse?> HandleAsync(RequestContext context, OffsetCommitRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        long? expireAt = version <= 4 && request.RetentionTimeMs != -1 ? now + request.RetentionTimeMs : null;
        var image = _metadata.Image;
        var offsets = new Dictionary<TopicPartition, CommittedOffset>();
        var errors = new Dictionary<TopicPartition, ErrorCode>();
        foreach (var topic in request.Topics)
        {
            image.Topics.TryGetValue(topic.Name, out var known);
            foreach (var p in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Name, p.PartitionIndex);
                if (known is null || p.PartitionIndex < 0 || p.PartitionIndex >= known.Partitions.Count)
                {
                    errors[tp] = ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                offsets[tp] = new CommittedOffset(
                    p.CommittedOffset,
                    version >= 6 ? p.CommittedLeaderEpoch : -1,
                    p.CommittedMetadata ?? string.Empty,
                    now,
                    expireAt);
            }
        }

        if (offsets.Count > 0)
        {
            var results = _coordinator.CommitOffsets(request.GroupId, request.MemberId, version >= 7 ? request.GroupInstanceId : null, request.GenerationIdOrMemberEpoch, offsets);
            foreach (var (tp, error) in results)
            {
                errors[tp] = error;
            }
        }

        var response = new OffsetCommitResponse();
        foreach (var topic in request.Topics)
        {
            response.Topics.Add(new OffsetCommitResponse.OffsetCommitResponseTopic
            {
                Name = topic.Name,
                Partitions = topic.Partitions.Select(p => new OffsetCommitResponse.OffsetCommitResponsePartition
                {
                    PartitionIndex = p.PartitionIndex,
                    ErrorCode = (short)errors[new TopicPartition(topic.Name, p.PartitionIndex)],
                }).ToList(),
            });
        }

        return ValueTask.FromResult<OffsetCommitResponse?>(response);
    }
}
