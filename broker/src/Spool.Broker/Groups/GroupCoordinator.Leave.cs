using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>LeaveGroup: members leave by member id, or administratively by group instance id (KIP-345).</summary>
public sealed partial class GroupCoordinator
{
    public LeaveGroupResult LeaveGroup(string groupId, IReadOnlyList<LeavingMember> members)
    {
        var error = ValidateGroupStatus(groupId, allowEmptyId: false);
        if (error != ErrorCode.None)
        {
            return new LeaveGroupResult(error, []);
        }

        var group = GetGroup(groupId);
        if (group is null)
        {
            return new LeaveGroupResult(ErrorCode.None, members.Select(m => new LeaveMemberResult(m.MemberId, m.GroupInstanceId, ErrorCode.UnknownMemberId)).ToList());
        }

        lock (group)
        {
            if (group.Is(GroupState.Dead))
            {
                return new LeaveGroupResult(ErrorCode.CoordinatorNotAvailable, []);
            }

            var results = new List<LeaveMemberResult>(members.Count);
            foreach (var leaving in members)
            {
                results.Add(new LeaveMemberResult(leaving.MemberId, leaving.GroupInstanceId, Leave(group, leaving)));
            }

            return new LeaveGroupResult(ErrorCode.None, results);
        }
    }

    private ErrorCode Leave(ClassicGroup group, LeavingMember leaving)
    {
        if (leaving.MemberId.Length == 0)
        {
            var current = leaving.GroupInstanceId is { } instanceId ? group.CurrentStaticMemberId(instanceId) : null;
            if (current is null)
            {
                return ErrorCode.UnknownMemberId;
            }

            RemoveLeavingMember(group, current, leaving.Reason);
            return ErrorCode.None;
        }

        if (group.IsPendingMember(leaving.MemberId))
        {
            RemovePendingMemberAndUpdateGroup(group, leaving.MemberId);
            _logger.LogInformation("Pending member with memberId={Member} has left group {Group} through explicit `LeaveGroup` request", leaving.MemberId, group.GroupId);
            return ErrorCode.None;
        }

        var error = ValidateCurrentMember(group, leaving.MemberId, leaving.GroupInstanceId);
        if (error != ErrorCode.None)
        {
            return error;
        }

        RemoveLeavingMember(group, leaving.MemberId, leaving.Reason);
        return ErrorCode.None;
    }

    private void RemoveLeavingMember(ClassicGroup group, string memberId, string? reason)
    {
        var member = group.GetMember(memberId);
        var why = reason ?? "not provided";
        RemoveMemberAndUpdateGroup(group, member, $"Removing member {memberId} on LeaveGroup; client reason: {why}");
        _logger.LogInformation("Member {Member} has left group {Group} through explicit `LeaveGroup`; client reason: {Reason}", memberId, group.GroupId, why);
    }
}
