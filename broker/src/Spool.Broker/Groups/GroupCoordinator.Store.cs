using Spool.Protocol;
using Spool.Protocol.Messages;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>Writing group metadata, offsets and tombstones to __consumer_offsets (Kafka's GroupMetadataManager).</summary>
public sealed partial class GroupCoordinator
{
    /// <summary>Persists the group (members, generation, assignment); returns the error as Kafka maps it for groups.</summary>
    private ErrorCode StoreGroup(ClassicGroup group, IReadOnlyDictionary<string, byte[]> assignment)
    {
        var value = new GroupMetadataValue
        {
            ProtocolType = group.ProtocolType ?? string.Empty,
            Generation = group.GenerationId,
            Protocol = group.ProtocolName,
            Leader = group.LeaderId,
            CurrentStateTimestamp = group.StateTimestamp ?? -1,
            Members = group.Members.Select(m => new GroupMetadataValue.MemberMetadata
            {
                MemberId = m.MemberId,
                GroupInstanceId = m.GroupInstanceId,
                ClientId = m.ClientId,
                ClientHost = m.ClientHost,
                RebalanceTimeout = m.RebalanceTimeoutMs,
                SessionTimeout = m.SessionTimeoutMs,
                Subscription = m.Metadata(group.ProtocolName ?? throw new InvalidOperationException("Attempted to write non-empty group metadata with no defined protocol.")),
                Assignment = assignment[m.MemberId],
            }).ToList(),
        };
        var error = _log.Append(group.Partition, [new(GroupRecordCodec.GroupKey(group.GroupId), GroupRecordCodec.GroupValue(value))], NowMs);
        return error switch
        {
            ErrorCode.None => ErrorCode.None,
            ErrorCode.UnknownTopicOrPartition or ErrorCode.NotEnoughReplicas or ErrorCode.NotEnoughReplicasAfterAppend => ErrorCode.CoordinatorNotAvailable,
            ErrorCode.NotLeaderOrFollower or ErrorCode.KafkaStorageError => ErrorCode.NotCoordinator,
            ErrorCode.RequestTimedOut => ErrorCode.RebalanceInProgress,
            ErrorCode.MessageTooLarge or ErrorCode.RecordListTooLarge or ErrorCode.InvalidFetchSize => ErrorCode.UnknownServerError,
            _ => error,
        };
    }

    /// <summary>Persists committed offsets in one batch; returns the error as Kafka maps it for offset commits.</summary>
    private ErrorCode StoreOffsets(ClassicGroup group, IReadOnlyDictionary<TopicPartition, CommittedOffset> offsets)
    {
        var records = offsets.Select(o => new KeyValuePair<byte[], byte[]?>(GroupRecordCodec.OffsetKey(group.GroupId, o.Key), GroupRecordCodec.OffsetValue(o.Value))).ToList();
        var error = _log.Append(group.Partition, records, NowMs);
        return error switch
        {
            ErrorCode.None => ErrorCode.None,
            ErrorCode.UnknownTopicOrPartition or ErrorCode.NotEnoughReplicas or ErrorCode.NotEnoughReplicasAfterAppend => ErrorCode.CoordinatorNotAvailable,
            ErrorCode.NotLeaderOrFollower or ErrorCode.KafkaStorageError => ErrorCode.NotCoordinator,
            ErrorCode.MessageTooLarge or ErrorCode.RecordListTooLarge or ErrorCode.InvalidFetchSize => ErrorCode.InvalidCommitOffsetSize,
            _ => error,
        };
    }

    /// <summary>
    /// Kafka's cleanupGroupMetadata: removes the offsets <paramref name="select"/> picks, turns an Empty group left
    /// without offsets into Dead, and writes tombstones for the removed offsets and (if the group ever had a
    /// generation) for the dead group. A lost tombstone is harmless: the next cleanup writes it again.
    /// </summary>
    private int CleanupGroupMetadata(ClassicGroup group, Func<ClassicGroup, Dictionary<TopicPartition, CommittedOffset>> select)
    {
        lock (group)
        {
            if (group.Is(GroupState.Dead) && !_groups.TryGetValue(group.GroupId, out _))
            {
                return 0;
            }

            var removed = select(group);
            if (group.Is(GroupState.Empty) && !group.HasOffsets)
            {
                _logger.LogInformation("Group {Group} transitioned to Dead in generation {Generation}", group.GroupId, group.GenerationId);
                group.TransitionTo(GroupState.Dead, NowMs);
            }

            var tombstones = removed.Keys.Select(tp => new KeyValuePair<byte[], byte[]?>(GroupRecordCodec.OffsetKey(group.GroupId, tp), null)).ToList();
            if (group.Is(GroupState.Dead))
            {
                group.CancelAllTimers();
                var wasCached = _groups.TryRemove(new KeyValuePair<string, ClassicGroup>(group.GroupId, group));

                // Groups with generation 0 only ever stored offsets: they have no metadata record to delete.
                if (wasCached && group.GenerationId > 0)
                {
                    tombstones.Add(new(GroupRecordCodec.GroupKey(group.GroupId), null));
                }
            }

            if (tombstones.Count > 0)
            {
                var error = _log.Append(group.Partition, tombstones, NowMs);
                if (error != ErrorCode.None)
                {
                    _logger.LogWarning("Failed to write {Count} tombstones for group {Group}: {Error}", tombstones.Count, group.GroupId, error);
                }
            }

            return removed.Count;
        }
    }
}
