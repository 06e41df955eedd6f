using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// OffsetFetch: one group (v1-v7; v2+ may ask for all partitions with a null topic list) or many (v8+). Without
/// transactions no commit is ever pending, so RequireStable (v7+) holds trivially.
/// </summary>
public sealed class OffsetFetchHandler : RequestHandler<OffsetFetchRequest, OffsetFetchResponse>
{
    private readonly GroupCoordinator _coordinator;

    public OffsetFetchHandler(GroupCoordinator coordinator) => _coordinator = coordinator;

    protected override ValueTask<OffsetFetchResponse?> HandleAsync(RequestContext context, OffsetFetchRequest request, CancellationToken cancellationToken)
    {
        var version = context.ApiVersion;
        var response = new OffsetFetchResponse();
        if (version >= 8)
        {
            foreach (var group in request.Groups)
            {
                var partitions = group.Topics?.SelectMany(t => t.PartitionIndexes.Select(p => new TopicPartition(t.Name, p))).ToList();
                var (error, offsets) = _coordinator.FetchOffsets(group.GroupId, partitions);
                var result = new OffsetFetchResponse.OffsetFetchResponseGroup { GroupId = group.GroupId, ErrorCode = (short)error };
                foreach (var byTopic in offsets.GroupBy(o => o.Partition.Topic, StringComparer.Ordinal))
                {
                    result.Topics.Add(new OffsetFetchResponse.OffsetFetchResponseTopics
                    {
                        Name = byTopic.Key,
                        Partitions = byTopic.Select(o => new OffsetFetchResponse.OffsetFetchResponsePartitions
                        {
                            PartitionIndex = o.Partition.Partition,
                            CommittedOffset = o.Offset?.Offset ?? -1,
                            CommittedLeaderEpoch = o.Offset?.LeaderEpoch ?? -1,
                            Metadata = o.Offset?.Metadata ?? string.Empty,
                            ErrorCode = (short)o.Error,
                        }).ToList(),
                    });
                }

                response.Groups.Add(result);
            }

            return ValueTask.FromResult<OffsetFetchResponse?>(response);
        }

        var requested = request.Topics?.SelectMany(t => t.PartitionIndexes.Select(p => new TopicPartition(t.Name, p))).ToList();
        var (groupError, fetched) = _coordinator.FetchOffsets(request.GroupId, requested);
        if (groupError != ErrorCode.None)
        {
            if (version >= 2)
            {
                response.ErrorCode = (short)groupError;
                return ValueTask.FromResult<OffsetFetchResponse?>(response);
            }

            // v1 has no top-level error: every requested partition carries it.
            fetched = (requested ?? []).Select(tp => new FetchedOffset(tp, null, groupError)).ToList();
        }

        foreach (var byTopic in fetched.GroupBy(o => o.Partition.Topic, StringComparer.Ordinal))
        {
            response.Topics.Add(new OffsetFetchResponse.OffsetFetchResponseTopic
            {
                Name = byTopic.Key,
                Partitions = byTopic.Select(o => new OffsetFetchResponse.OffsetFetchResponsePartition
                {
                    PartitionIndex = o.Partition.Partition,
                    CommittedOffset = o.Offset?.Offset ?? -1,
                    CommittedLeaderEpoch = o.Offset?.LeaderEpoch ?? -1,
                    Metadata = o.Offset?.Metadata ?? string.Empty,
                    ErrorCode = (short)o.Error,
                }).ToList(),
            });
        }

        return ValueTask.FromResult<OffsetFetchResponse?>(response);
    }
}
