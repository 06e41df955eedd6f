using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>Heartbeat and session expiry (Kafka's DelayedHeartbeat).</summary>
public sealed partial class GroupCoordinator
{
    public ErrorCode Heartbeat(string groupId, string memberId, string? groupInstanceId, int generationId)
    {
        var error = ValidateGroupStatus(groupId, allowEmptyId: false);
        if (error == ErrorCode.CoordinatorLoadInProgress)
        {
            // Kafka answers blindly while loading: the member learns about the group once it is loaded.
            return ErrorCode.None;
        }

        if (error != ErrorCode.None)
        {
            return error;
        }

        var group = GetGroup(groupId);
        if (group is null)
        {
            return ErrorCode.UnknownMemberId;
        }

        lock (group)
        {
            if (group.Is(GroupState.Dead))
            {
                return ErrorCode.CoordinatorNotAvailable;
            }

            var memberError = ValidateCurrentMember(group, memberId, groupInstanceId);
            if (memberError != ErrorCode.None)
            {
                return memberError;
            }

            if (generationId != group.GenerationId)
            {
                return ErrorCode.IllegalGeneration;
            }

            var member = group.GetMember(memberId);
            switch (group.State)
            {
                case GroupState.Empty:
                    return ErrorCode.UnknownMemberId;
                case GroupState.CompletingRebalance or GroupState.Stable:
                    // Members may heartbeat between their JoinGroup and SyncGroup: a normal heartbeat.
                    ScheduleHeartbeatExpiration(group, member, member.SessionTimeoutMs);
                    return ErrorCode.None;
                case GroupState.PreparingRebalance:
                    ScheduleHeartbeatExpiration(group, member, member.SessionTimeoutMs);
                    return ErrorCode.RebalanceInProgress;
                default:
                    throw new InvalidOperationException($"Reached unexpected condition for Dead group {groupId}");
            }
        }
    }

    /// <summary>Counts as the expected heartbeat and expects the next one within <paramref name="timeoutMs"/>.</summary>
    private void ScheduleHeartbeatExpiration(ClassicGroup group, GroupMember member, int timeoutMs)
    {
        member.CancelHeartbeat();
        member.HeartbeatSatisfied = false;
        var epoch = member.HeartbeatEpoch;
        member.HeartbeatTimer = CreateTimer(timeoutMs, () => OnHeartbeatExpired(group, member, epoch));
    }

    private void OnHeartbeatExpired(ClassicGroup group, GroupMember member, long epoch)
    {
        lock (group)
        {
            if (member.HeartbeatEpoch != epoch)
            {
                return;
            }

            member.HeartbeatTimer?.Dispose();
            member.HeartbeatTimer = null;
            if (group.Is(GroupState.Dead) || !group.TryGetMember(member.MemberId, out var current) || current != member)
            {
                return;
            }

            if (!member.HasSatisfiedHeartbeat)
            {
                _logger.LogInformation("Member {Member} in group {Group} has failed, removing it from the group", member.MemberId, group.GroupId);
                RemoveMemberAndUpdateGroup(group, member, $"removing member {member.MemberId} on heartbeat expiration");
            }
        }
    }
}
