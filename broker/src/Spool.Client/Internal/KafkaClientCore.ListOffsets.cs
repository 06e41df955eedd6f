using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Internal;

/// <summary>ListOffsets, shared by the admin client (list offsets) and the consumer (seek, resets, offsets for times).</summary>
internal sealed partial class KafkaClientCore
{
    /// <summary>
    /// Looks up offsets by ListOffsets' timestamp field (-2 earliest, -1 latest, -3 max timestamp, or a time),
    /// sending one request per leader and retrying partitions that hit retriable errors.
    /// </summary>
    public Task<Dictionary<TopicPartition, ItemOutcome<TopicPartition, PartitionOffset>>> ListOffsetsAsync(
        IReadOnlyDictionary<TopicPartition, long> timestamps, IsolationLevel isolation, TimeSpan timeout, bool missingIsFinal, CancellationToken cancellationToken) =>
        PerItemAsync<TopicPartition, PartitionOffset>("ListOffsets", [.. timestamps.Keys], timeout, (pending, ct) =>
            FanOutToLeadersAsync<PartitionOffset>(pending, async (leader, partitions, token) =>
            {
                var connection = await ConnectToNodeAsync(leader, token);
                var request = new ListOffsetsRequest
                {
                    ReplicaId = -1,
                    IsolationLevel = (sbyte)isolation,
                    TimeoutMs = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds),
                    Topics = [.. partitions.GroupBy(p => p.Topic).Select(g => new ListOffsetsRequest.ListOffsetsTopic
                    {
                        Name = g.Key,
                        Partitions = [.. g.Select(p => new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = p.Partition, Timestamp = timestamps[p] })],
                    })],
                };
                var response = await SendAsync<ListOffsetsRequest, ListOffsetsResponse>(connection, _ => request, token);
                return response.Topics.SelectMany(t => t.Partitions.Select(p =>
                {
                    var tp = new TopicPartition(t.Name, p.PartitionIndex);
                    return p.ErrorCode == 0
                        ? new ItemOutcome<TopicPartition, PartitionOffset>(tp, new PartitionOffset(p.Offset, p.Timestamp, p.LeaderEpoch), null)
                        : new ItemOutcome<TopicPartition, PartitionOffset>(tp, default, new KafkaException((ErrorCode)p.ErrorCode, $"ListOffsets {tp}"));
                }));
            }, missingIsFinal, ct), cancellationToken);
}
