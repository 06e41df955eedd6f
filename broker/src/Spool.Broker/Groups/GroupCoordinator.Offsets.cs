using Spool.Protocol;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>OffsetCommit, OffsetFetch and OffsetDelete.</summary>
public sealed partial class GroupCoordinator
{
    /// <summary>
    /// Commits offsets after validating the committer: a member of the current generation, or (generation -1,
    /// no member id) anyone while the group has no members, as simple consumers and admin tools commit.
    /// Answers only after the records are appended.
    /// </summary>
    public IReadOnlyDictionary<TopicPartition, ErrorCode> CommitOffsets(
        string groupId, string memberId, string? groupInstanceId, int generationId, IReadOnlyDictionary<TopicPartition, CommittedOffset> offsets)
    {
        var error = ValidateGroupStatus(groupId, allowEmptyId: true);
        if (error != ErrorCode.None)
        {
            return All(offsets, error);
        }

        var group = GetGroup(groupId);
        if (group is null)
        {
            if (generationId >= 0)
            {
                // A generation for a group that does not exist: a member of a generation long gone.
                return All(offsets, ErrorCode.IllegalGeneration);
            }

            group = GetOrCreateGroup(groupId);
        }

        lock (group)
        {
            var validation = ValidateOffsetCommit(group, generationId, memberId, groupInstanceId);
            if (validation != ErrorCode.None)
            {
                return All(offsets, validation);
            }

            switch (group.State)
            {
                case GroupState.Empty:
                    return StoreCommittedOffsets(group, offsets);

                case GroupState.Stable or GroupState.PreparingRebalance:
                    // Commits are still allowed while preparing a rebalance: the member learns about it from its
                    // next heartbeat. A commit counts as a heartbeat.
                    var member = group.GetMember(memberId);
                    ScheduleHeartbeatExpiration(group, member, member.SessionTimeoutMs);
                    return StoreCommittedOffsets(group, offsets);

                case GroupState.CompletingRebalance:
                    // The member has the new generation from its JoinGroup response but no assignment yet.
                    return All(offsets, ErrorCode.RebalanceInProgress);

                default:
                    throw new InvalidOperationException($"Logic error: unexpected group state {group.State}");
            }
        }
    }

    private static ErrorCode ValidateOffsetCommit(ClassicGroup group, int generationId, string memberId, string? groupInstanceId)
    {
        if (group.Is(GroupState.Dead))
        {
            return ErrorCode.CoordinatorNotAvailable;
        }

        if (generationId >= 0 || memberId.Length > 0 || groupInstanceId is not null)
        {
            var memberError = ValidateCurrentMember(group, memberId, groupInstanceId);
            if (memberError != ErrorCode.None)
            {
                return memberError;
            }

            return generationId != group.GenerationId ? ErrorCode.IllegalGeneration : ErrorCode.None;
        }

        // Outside group management, only an empty group accepts commits.
        return group.Is(GroupState.Empty) ? ErrorCode.None : ErrorCode.UnknownMemberId;
    }

    private Dictionary<TopicPartition, ErrorCode> StoreCommittedOffsets(ClassicGroup group, IReadOnlyDictionary<TopicPartition, CommittedOffset> offsets)
    {
        var valid = offsets.Where(o => o.Value.Metadata.Length <= _config.OffsetMetadataMaxBytes).ToDictionary(o => o.Key, o => o.Value);
        if (valid.Count == 0)
        {
            return All(offsets, ErrorCode.OffsetMetadataTooLarge);
        }

        var error = StoreOffsets(group, valid);
        if (error == ErrorCode.None && !group.Is(GroupState.Dead))
        {
            foreach (var (tp, offset) in valid)
            {
                group.SetOffset(tp, offset);
            }
        }

        return offsets.ToDictionary(o => o.Key, o => valid.ContainsKey(o.Key) ? error : ErrorCode.OffsetMetadataTooLarge);
    }

    /// <summary>
    /// The committed offsets of a group: of the given partitions (-1 for those without one), or all of them when
    /// <paramref name="partitions"/> is null. Offsets are returned whatever the group's state, as Kafka does,
    /// since simple consumers store offsets without group management.
    /// </summary>
    public (ErrorCode Error, IReadOnlyList<FetchedOffset> Offsets) FetchOffsets(string groupId, IReadOnlyList<TopicPartition>? partitions)
    {
        var error = ValidateGroupStatus(groupId, allowEmptyId: true);
        if (error != ErrorCode.None)
        {
            return (error, []);
        }

        var group = GetGroup(groupId);
        if (group is null)
        {
            return (ErrorCode.None, (partitions ?? []).Select(tp => new FetchedOffset(tp, null)).ToList());
        }

        lock (group)
        {
            if (group.Is(GroupState.Dead))
            {
                return (ErrorCode.None, (partitions ?? []).Select(tp => new FetchedOffset(tp, null)).ToList());
            }

            var wanted = partitions ?? group.Offsets.Keys.ToList();
            return (ErrorCode.None, wanted.Select(tp => new FetchedOffset(tp, group.Offsets.GetValueOrDefault(tp))).ToList());
        }
    }

    /// <summary>
    /// OffsetDelete (KIP-496): deletes committed offsets of an empty group, or of topics a consumer group no longer
    /// subscribes to (GROUP_SUBSCRIBED_TO_TOPIC for the others).
    /// </summary>
    public (ErrorCode Error, IReadOnlyDictionary<TopicPartition, ErrorCode> Partitions) DeleteOffsets(string groupId, IReadOnlyList<TopicPartition> partitions)
    {
        var error = ValidateGroupStatus(groupId, allowEmptyId: false);
        if (error != ErrorCode.None)
        {
            return (error, new Dictionary<TopicPartition, ErrorCode>());
        }

        var group = GetGroup(groupId);
        if (group is null)
        {
            return (ErrorCode.GroupIdNotFound, new Dictionary<TopicPartition, ErrorCode>());
        }

        var results = new Dictionary<TopicPartition, ErrorCode>();
        List<TopicPartition> eligible;
        lock (group)
        {
            switch (group.State)
            {
                case GroupState.Dead:
                    return (ErrorCode.GroupIdNotFound, results);
                case GroupState.Empty:
                    eligible = partitions.ToList();
                    break;
                default:
                    if (!group.IsConsumerGroup)
                    {
                        return (ErrorCode.NonEmptyGroup, results);
                    }

                    eligible = [];
                    foreach (var tp in partitions)
                    {
                        if (group.IsSubscribedToTopic(tp.Topic))
                        {
                            results[tp] = ErrorCode.GroupSubscribedToTopic;
                        }
                        else
                        {
                            eligible.Add(tp);
                        }
                    }

                    break;
            }
        }

        if (eligible.Count > 0)
        {
            var removed = CleanupGroupMetadata(group, g => g.RemoveOffsets(eligible));
            foreach (var tp in eligible)
            {
                results[tp] = ErrorCode.None;
            }

            _logger.LogInformation("The following offsets of the group {Group} were deleted: {Partitions}. A total of {Count} offsets were removed.", groupId, string.Join(", ", eligible), removed);
        }

        return (ErrorCode.None, results);
    }

    private static Dictionary<TopicPartition, ErrorCode> All(IReadOnlyDictionary<TopicPartition, CommittedOffset> offsets, ErrorCode error) =>
        offsets.Keys.ToDictionary(tp => tp, _ => error);
}
