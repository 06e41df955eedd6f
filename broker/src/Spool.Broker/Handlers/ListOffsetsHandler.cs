using Spool.Broker.Network;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>
/// ListOffsets: earliest (-2), latest (-1, the high watermark), max timestamp (-3), earliest local (-4),
/// latest tiered (-5: no tiered storage, so -1), or the first offset whose timestamp is at least the given one.
/// </summary>
public sealed class ListOffsetsHandler : RequestHandler<ListOffsetsRequest, ListOffsetsResponse>
{
    private readonly ReplicaManager _replicas;

    public ListOffsetsHandler(ReplicaManager replicas) => _replicas = replicas;

    protected override ValueTask<ListOffsetsResponse?> HandleAsync(RequestContext context, ListOffsetsRequest request, CancellationToken cancellationToken)
    {
        var response = new ListOffsetsResponse();
        var seen = new HashSet<TopicPartition>();
        var duplicates = request.Topics
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Name, p.PartitionIndex)))
            .Where(tp => !seen.Add(tp))
            .ToHashSet();
        foreach (var topic in request.Topics)
        {
            var topicResponse = new ListOffsetsResponse.ListOffsetsTopicResponse { Name = topic.Name };
            response.Topics.Add(topicResponse);
            foreach (var p in topic.Partitions)
            {
                var tp = new TopicPartition(topic.Name, p.PartitionIndex);
                var result = new ListOffsetsResponse.ListOffsetsPartitionResponse { PartitionIndex = p.PartitionIndex, Timestamp = -1, Offset = -1, LeaderEpoch = -1 };
                topicResponse.Partitions.Add(result);
                if (duplicates.Contains(tp))
                {
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    continue;
                }

                if (!_replicas.TryGetPartition(tp, out var partition))
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

                var found = Lookup(partition, p.Timestamp, context.ApiVersion);
                if (found is { } f)
                {
                    result.Timestamp = f.Timestamp;
                    result.Offset = f.Offset;
                    result.LeaderEpoch = f.LeaderEpoch;
                }
            }
        }

        return ValueTask.FromResult<ListOffsetsResponse?>(response);
    }

    private static TimestampAndOffset? Lookup(Partition partition, long timestamp, short version)
    {
        var log = partition.Log;
        switch (timestamp)
        {
            case ListOffsetsTimestamps.Latest:
                return new TimestampAndOffset(-1, log.HighWatermark, EpochAt(log, log.HighWatermark));
            case ListOffsetsTimestamps.Earliest:
            case ListOffsetsTimestamps.EarliestLocal when version >= 8:
                return new TimestampAndOffset(-1, log.LogStartOffset, EpochAt(log, log.LogStartOffset));
            case ListOffsetsTimestamps.MaxTimestamp when version >= 7:
                return log.MaxTimestampRecord();
            case ListOffsetsTimestamps.LatestTiered when version >= 9:
                return null;
            case >= 0:
                var found = log.FetchOffsetByTimestamp(timestamp);
                return found is { } f && f.Offset < log.HighWatermark ? f : null;
            default:
                return null;
        }
    }

    private static int EpochAt(PartitionLog log, long offset) => log.LatestEpoch is null ? -1 : log.EpochForOffset(Math.Max(log.LogStartOffset, Math.Min(offset, log.LogEndOffset - 1)));
}
