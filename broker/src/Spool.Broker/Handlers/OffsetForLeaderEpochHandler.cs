using Spool.Broker.Network;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>OffsetForLeaderEpoch: the end offset of a leader epoch, used by consumers to detect truncation (KIP-320).</summary>
public sealed class OffsetForLeaderEpochHandler : RequestHandler<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse>
{
    private readonly ReplicaManager _replicas;

    public OffsetForLeaderEpochHandler(ReplicaManager replicas) => _replicas = replicas;

    protected override ValueTask<OffsetForLeaderEpochResponse?> HandleAsync(RequestContext context, OffsetForLeaderEpochRequest request, CancellationToken cancellationToken)
    {
        var response = new OffsetForLeaderEpochResponse();
        foreach (var topic in request.Topics)
        {
            var topicResult = new OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult { Topic = topic.Topic };
            response.Topics.Add(topicResult);
            foreach (var p in topic.Partitions)
            {
                var result = new OffsetForLeaderEpochResponse.EpochEndOffset { Partition = p.Partition, LeaderEpoch = -1, EndOffset = -1 };
                topicResult.Partitions.Add(result);
                if (!_replicas.TryGetPartition(new TopicPartition(topic.Topic, p.Partition), out var partition))
                {
                    result.ErrorCode = (short)ErrorCode.UnknownTopicOrPartition;
                    continue;
                }

                var epochError = LeaderEpochCheck.Check(p.CurrentLeaderEpoch, partition.LeaderEpoch);
                if (epochError != ErrorCode.None)
                {
                    result.ErrorCode = (short)epochError;
                    continue;
                }

                var end = partition.Log.EndOffsetForEpoch(p.LeaderEpoch);
                result.LeaderEpoch = end.LeaderEpoch;
                result.EndOffset = end.EndOffset;
            }
        }

        return ValueTask.FromResult<OffsetForLeaderEpochResponse?>(response);
    }
}
