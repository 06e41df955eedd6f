using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>SyncGroup: the leader hands in the assignment; every member receives its part.</summary>
public sealed partial class GroupCoordinator
{
    public Task<SyncGroupResult> SyncGroupAsync(SyncGroupRequestArgs request)
    {
        var error = ValidateGroupStatus(request.GroupId, allowEmptyId: false);
        if (error == ErrorCode.CoordinatorLoadInProgress)
        {
            // The rebalance state was lost with the load: REBALANCE_IN_PROGRESS makes the member rejoin without
            // looking for the coordinator again (older clients do not expect COORDINATOR_LOAD_IN_PROGRESS here).
            return Task.FromResult(SyncGroupResult.Failed(ErrorCode.RebalanceInProgress));
        }

        if (error != ErrorCode.None)
        {
            return Task.FromResult(SyncGroupResult.Failed(error));
        }

        var group = GetGroup(request.GroupId);
        if (group is null)
        {
            return Task.FromResult(SyncGroupResult.Failed(ErrorCode.UnknownMemberId));
        }

        var response = new TaskCompletionSource<SyncGroupResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (group)
        {
            DoSyncGroup(group, request, response);
        }

        return response.Task;
    }

    private void DoSyncGroup(ClassicGroup group, SyncGroupRequestArgs request, TaskCompletionSource<SyncGroupResult> response)
    {
        var error = ValidateSyncGroup(group, request);
        if (error != ErrorCode.None)
        {
            response.TrySetResult(SyncGroupResult.Failed(error));
            return;
        }

        var memberId = request.MemberId;
        switch (group.State)
        {
            case GroupState.Empty:
                response.TrySetResult(SyncGroupResult.Failed(ErrorCode.UnknownMemberId));
                break;

            case GroupState.PreparingRebalance:
                response.TrySetResult(SyncGroupResult.Failed(ErrorCode.RebalanceInProgress));
                break;

            case GroupState.CompletingRebalance:
                group.GetMember(memberId).SyncWaiter = response;
                RemovePendingSyncMember(group, memberId);
                if (group.IsLeader(memberId))
                {
                    CompleteAssignment(group, request);
                }

                break;

            case GroupState.Stable:
                RemovePendingSyncMember(group, memberId);
                var member = group.GetMember(memberId);
                response.TrySetResult(new SyncGroupResult(group.ProtocolType, group.ProtocolName, member.Assignment, ErrorCode.None));
                ScheduleHeartbeatExpiration(group, member, member.SessionTimeoutMs);
                break;

            default:
                throw new InvalidOperationException($"Reached unexpected condition for Dead group {group.GroupId}");
        }
    }

    private void CompleteAssignment(ClassicGroup group, SyncGroupRequestArgs request)
    {
        _logger.LogInformation(
            "Assignment received from leader {Member} for group {Group} for generation {Generation}. The group has {Members} members, {Static} of which are static.",
            request.MemberId, group.GroupId, group.GenerationId, group.MemberCount, group.StaticMemberCount);

        // Members the leader left out get an empty assignment.
        var assignment = new Dictionary<string, byte[]>(request.Assignments, StringComparer.Ordinal);
        foreach (var id in group.MemberIds)
        {
            if (assignment.TryAdd(id, []))
            {
                _logger.LogWarning("Setting empty assignment for member {Member} of {Group} for generation {Generation}", id, group.GroupId, group.GenerationId);
            }
        }

        var generation = group.GenerationId;
        var error = StoreGroup(group, assignment);
        if (!group.Is(GroupState.CompletingRebalance) || generation != group.GenerationId)
        {
            return;
        }

        if (error != ErrorCode.None)
        {
            ResetAndPropagateAssignmentError(group, error);
            MaybePrepareRebalance(group, $"Error {error} when storing group assignment during SyncGroup (member: {request.MemberId})");
            return;
        }

        SetAndPropagateAssignment(group, assignment);
        group.TransitionTo(GroupState.Stable, NowMs);
    }

    private static ErrorCode ValidateSyncGroup(ClassicGroup group, SyncGroupRequestArgs request)
    {
        if (group.Is(GroupState.Dead))
        {
            return ErrorCode.CoordinatorNotAvailable;
        }

        var memberError = ValidateCurrentMember(group, request.MemberId, request.GroupInstanceId);
        if (memberError != ErrorCode.None)
        {
            return memberError;
        }

        if (request.GenerationId != group.GenerationId)
        {
            return ErrorCode.IllegalGeneration;
        }

        if (request.ProtocolType is not null && request.ProtocolType != group.ProtocolType)
        {
            return ErrorCode.InconsistentGroupProtocol;
        }

        if (request.ProtocolName is not null && request.ProtocolName != group.ProtocolName)
        {
            return ErrorCode.InconsistentGroupProtocol;
        }

        return ErrorCode.None;
    }
}
