using Spool.Broker.Metadata;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>OffsetDelete: deletes a group's committed offsets of partitions it does not consume (KIP-496).</summary>
public sealed class OffsetDeleteHandler : RequestHandler<OffsetDeleteRequest, OffsetDeleteResponse>
{
    private readonly GroupCoordinator _coordinator;
    private readonly MetadataManager _metadata;

    public OffsetDeleteHandler(GroupCoordinator coordinator, MetadataManager metadata)
    {
        _coordinator = coordinator;
        _metadata = metadata;
    }

    protected override ValueTask<OffsetDeleteResponse?> HandleAsync(RequestContext context, OffsetDeleteRequest request, CancellationToken cancellationToken)
    {
        var image = _metadata.Image;
        var errors = new Dictionary<TopicPartition, ErrorCode>();
        var known = new List<TopicPartition>();
        foreach (var topic in request.Topics)
        {
            image.Topics.TryGetValue(topic.Name, out var t);
            foreach (var p in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Name, p.PartitionIndex);
                if (t is null || p.PartitionIndex < 0 || p.PartitionIndex >= t.Partitions.Count)
                {
                    errors[tp] = ErrorCode.UnknownTopicOrPartition;
                }
                else
                {
                    known.Add(tp);
                }
            }
        }

        var (groupError, results) = _coordinator.DeleteOffsets(request.GroupId, known);
        if (groupError != ErrorCode.None)
        {
            return ValueTask.FromResult<OffsetDeleteResponse?>(new OffsetDeleteResponse { ErrorCode = (short)groupError });
        }

        foreach (var (tp, error) in results)
        {
            errors[tp] = error;
        }

        var response = new OffsetDeleteResponse();
        foreach (var topic in request.Topics)
        {
            response.Topics.Add(new OffsetDeleteResponse.OffsetDeleteResponseTopic
            {
                Name = topic.Name,
                Partitions = topic.Partitions.Select(p => new OffsetDeleteResponse.OffsetDeleteResponsePartition
                {
                    PartitionIndex = p.PartitionIndex,
                    ErrorCode = (short)errors.GetValueOrDefault(new TopicPartition(topic.Name, p.PartitionIndex)),
                }).ToList(),
            });
        }

        return ValueTask.FromResult<OffsetDeleteResponse?>(response);
    }
}
