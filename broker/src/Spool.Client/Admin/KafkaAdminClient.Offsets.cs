using Spool.Client.Internal;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Admin;

/// <summary>Looking up offsets and deleting records.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Earliest, latest, max-timestamp or by-timestamp offsets of partitions, asked of their leaders.</summary>
    public async Task<IReadOnlyList<ListedOffset>> ListOffsetsAsync(
        IReadOnlyDictionary<TopicPartition, OffsetSpec> specs, ListOffsetsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var outcomes = await _core.ListOffsetsAsync(
            specs.ToDictionary(s => s.Key, s => s.Value.Timestamp), options?.IsolationLevel ?? IsolationLevel.ReadUncommitted, TimeoutOf(options), missingIsFinal: true, cancellationToken);
        return [.. specs.Keys.Select(tp => outcomes[tp] is { Error: null, Result: var r }
            ? new ListedOffset(tp, r.Offset, r.Timestamp, r.LeaderEpoch < 0 ? null : r.LeaderEpoch, null)
            : new ListedOffset(tp, -1, -1, null, outcomes[tp].Error))];
    }

    /// <summary>
    /// Deletes every record before the given offsets (an offset of -1 means the high watermark): the partitions'
    /// log start offsets move up.
    /// </summary>
    public async Task<IReadOnlyList<DeletedRecords>> DeleteRecordsAsync(
        IReadOnlyDictionary<TopicPartition, long> beforeOffsets, AdminOperationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeOffsets);
        var timeout = TimeoutOf(options);
        var outcomes = await _core.PerItemAsync<TopicPartition, long>("DeleteRecords", [.. beforeOffsets.Keys], timeout, (pending, ct) =>
            _core.FanOutToLeadersAsync<long>(pending, async (leader, partitions, token) =>
            {
                var connection = await _core.ConnectToNodeAsync(leader, token);
                var response = await KafkaClientCore.SendAsync<DeleteRecordsRequest, DeleteRecordsResponse>(connection, _ => new DeleteRecordsRequest
                {
                    Topics = [.. partitions.GroupBy(p => p.Topic).Select(g => new DeleteRecordsRequest.DeleteRecordsTopic
                    {
                        Name = g.Key,
                        Partitions = [.. g.Select(p => new DeleteRecordsRequest.DeleteRecordsPartition { PartitionIndex = p.Partition, Offset = beforeOffsets[p] })],
                    })],
                    TimeoutMs = Milliseconds(timeout),
                }, token);
                return response.Topics.SelectMany(t => t.Partitions.Select(p => new ItemOutcome<TopicPartition, long>(
                    new TopicPartition(t.Name, p.PartitionIndex),
                    p.LowWatermark,
                    p.ErrorCode == 0 ? null : new KafkaException((ErrorCode)p.ErrorCode, $"delete records of {t.Name}-{p.PartitionIndex}"))));
            }, missingIsFinal: true, ct), cancellationToken);
        return [.. beforeOffsets.Keys.Select(tp => new DeletedRecords(tp, outcomes[tp].Error is null ? outcomes[tp].Result : -1, outcomes[tp].Error))];
    }
}
