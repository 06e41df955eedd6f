using Spool.Broker.Network;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>DeleteRecords: moves each partition's log start offset (-1 means up to the high watermark).</summary>
public sealed class DeleteRecordsHandler : RequestHandler<DeleteRecordsRequest, DeleteRecordsResponse>
{
    private readonly ReplicaManager _replicas;

    public DeleteRecordsHandler(ReplicaManager replicas) => _replicas = replicas;

    protected override ValueTask<DeleteRecordsResponse?> HandleAsync(RequestContext context, DeleteRecordsRequest request, CancellationToken cancellationToken)
    {
        var response = new DeleteRecordsResponse();
        foreach (var topic in request.Topics)
        {
            var topicResult = new DeleteRecordsResponse.DeleteRecordsTopicResult { Name = topic.Name };
            response.Topics.Add(topicResult);
            foreach (var p in topic.Partitions)
            {
                var result = new DeleteRecordsResponse.DeleteRecordsPartitionResult { PartitionIndex = p.PartitionIndex, LowWatermark = -1 };
                topicResult.Partitions.Add(result);
                if (topic.Name is "__consumer_offsets" or "__transaction_state")
                {
                    result.ErrorCode = (short)ErrorCode.InvalidTopicException;
                    continue;
                }

                if (!_replicas.TryGetPartition(new TopicPartition(topic.Name, p.PartitionIndex), out var partition))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                var log = partition.Log;
                var target = p.Offset == -1 ? log.HighWatermark : p.Offset;
                if (target < 0 || target > log.HighWatermark)
                {
                    result.ErrorCode = (short)ErrorCode.OffsetOutOfRange;
                    result.LowWatermark = log.LogStartOffset;
                    continue;
                }

                var deleted = log.DeleteRecordsBefore(target);
                result.ErrorCode = (short)deleted.Error;
                result.LowWatermark = deleted.LowWatermark;
            }
        }

        return ValueTask.FromResult<DeleteRecordsResponse?>(response);
    }
}
