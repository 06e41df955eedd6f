using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>DescribeGroups, ListGroups and DeleteGroups.</summary>
public sealed partial class GroupCoordinator
{
    /// <summary>
    /// Describes a group; the description is null (Kafka's "Dead" group) when the group does not exist. The error
    /// is the coordinator's (not this node's group, still loading, ...).
    /// </summary>
    public (ErrorCode Error, GroupDescription? Group) DescribeGroup(string groupId)
    {
        var error = ValidateGroupStatus(groupId, allowEmptyId: true);
        if (error != ErrorCode.None)
        {
            return (error, null);
        }

        var group = GetGroup(groupId);
        if (group is null)
        {
            return (ErrorCode.None, null);
        }

        lock (group)
        {
            return (ErrorCode.None, Snapshot(group));
        }
    }

    /// <summary>
    /// The groups of this coordinator, optionally filtered by state names and group types (case-insensitive);
    /// COORDINATOR_LOAD_IN_PROGRESS (with the groups loaded so far) while a partition is loading.
    /// </summary>
    public (ErrorCode Error, IReadOnlyList<GroupOverview> Groups) ListGroups(IReadOnlyCollection<string> states, IReadOnlyCollection<string> types)
    {
        if (!_active)
        {
            return (ErrorCode.CoordinatorNotAvailable, []);
        }

        var error = _owned.Values.Any(p => p.IsLoading) ? ErrorCode.CoordinatorLoadInProgress : ErrorCode.None;

        // Every group here is classic; a types filter without "classic" (e.g. only "consumer") matches none.
        if (types.Count > 0 && !types.Any(t => string.Equals(t, GroupDescription.ClassicType, StringComparison.OrdinalIgnoreCase)))
        {
            return (error, []);
        }

        var result = new List<GroupOverview>();
        foreach (var group in _groups.Values)
        {
            lock (group)
            {
                if (group.Is(GroupState.Dead))
                {
                    continue;
                }

                if (states.Count == 0 || states.Any(s => string.Equals(s, group.State.ToString(), StringComparison.OrdinalIgnoreCase)))
                {
                    result.Add(new GroupOverview(group.GroupId, group.ProtocolType ?? string.Empty, group.State));
                }
            }
        }

        return (error, result.OrderBy(g => g.GroupId, StringComparer.Ordinal).ToList());
    }

    /// <summary>Deletes empty groups with their offsets (NON_EMPTY_GROUP while they have members).</summary>
    public IReadOnlyDictionary<string, ErrorCode> DeleteGroups(IReadOnlyList<string> groupIds)
    {
        var results = new Dictionary<string, ErrorCode>(StringComparer.Ordinal);
        var eligible = new List<ClassicGroup>();
        foreach (var groupId in groupIds.Distinct(StringComparer.Ordinal))
        {
            var error = ValidateGroupStatus(groupId, allowEmptyId: true);
            if (error != ErrorCode.None)
            {
                results[groupId] = error;
                continue;
            }

            var group = GetGroup(groupId);
            if (group is null)
            {
                results[groupId] = ErrorCode.GroupIdNotFound;
                continue;
            }

            lock (group)
            {
                switch (group.State)
                {
                    case GroupState.Dead:
                        results[groupId] = ErrorCode.GroupIdNotFound;
                        break;
                    case GroupState.Empty:
                        group.TransitionTo(GroupState.Dead, NowMs);
                        eligible.Add(group);
                        break;
                    default:
                        results[groupId] = ErrorCode.NonEmptyGroup;
                        break;
                }
            }
        }

        var removed = 0;
        foreach (var group in eligible)
        {
            removed += CleanupGroupMetadata(group, g => g.RemoveAllOffsets());
            results[group.GroupId] = ErrorCode.None;
        }

        if (eligible.Count > 0)
        {
            _logger.LogInformation("The following groups were deleted: {Groups}. A total of {Count} offsets were removed.", string.Join(", ", eligible.Select(g => g.GroupId)), removed);
        }

        return results;
    }

    private static GroupDescription Snapshot(ClassicGroup group)
    {
        var members = group.Members.Select(m => new MemberDescription(
            m.MemberId,
            m.GroupInstanceId,
            m.ClientId,
            m.ClientHost,
            m.SessionTimeoutMs,
            m.RebalanceTimeoutMs,
            group.ProtocolName is { } protocol && m.Protocols.Any(p => p.Name == protocol) ? m.Metadata(protocol) : [],
            m.Assignment,
            group.IsConsumerGroup ? ConsumerProtocolCodec.ReadAssignedPartitions(m.Assignment) : [])).ToList();
        return new GroupDescription(
            group.GroupId,
            group.State,
            group.ProtocolType,
            group.ProtocolName,
            group.GenerationId,
            group.LeaderId,
            group.StateTimestamp,
            members,
            new Dictionary<Storage.TopicPartition, CommittedOffset>(group.Offsets));
    }
}
