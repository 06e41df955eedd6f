using Spool.Broker.Network;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>DescribeProducers: the idempotent producers a partition's log currently tracks (kafka-transactions.sh describe-producers).</summary>
public sealed class DescribeProducersHandler : RequestHandler<DescribeProducersRequest, DescribeProducersResponse>
{
    private readonly ReplicaManager _replicas;

    public DescribeProducersHandler(ReplicaManager replicas) => _replicas = replicas;

    protected override ValueTask<DescribeProducersResponse?> HandleAsync(RequestContext context, DescribeProducersRequest request, CancellationToken cancellationToken)
    {
        var response = new DescribeProducersResponse();
        foreach (var topic in request.Topics)
        {
            var topicResponse = new DescribeProducersResponse.TopicResponse { Name = topic.Name };
            response.Topics.Add(topicResponse);
            foreach (var index in topic.PartitionIndexes)
            {
                var result = new DescribeProducersResponse.PartitionResponse { PartitionIndex = index };
                topicResponse.Partitions.Add(result);
                if (!_replicas.TryGetPartition(new TopicPartition(topic.Name, index), out var partition))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    result.ErrorMessage = "This server does not host this topic-partition.";
                    continue;
                }

                result.ActiveProducers = partition.Log.ActiveProducers.Select(p => new DescribeProducersResponse.ProducerState
                {
                    ProducerId = p.ProducerId,
                    ProducerEpoch = p.ProducerEpoch,
                    LastSequence = p.LastSequence,
                    LastTimestamp = p.LastTimestamp,
                    CoordinatorEpoch = p.CoordinatorEpoch,
                    CurrentTxnStartOffset = p.CurrentTxnStartOffset,
                }).ToList();
            }
        }

        return ValueTask.FromResult<DescribeProducersResponse?>(response);
    }
}
