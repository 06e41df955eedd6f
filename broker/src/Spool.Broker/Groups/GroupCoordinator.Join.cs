using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>JoinGroup (Kafka's handleJoinGroup and its new-member and current-member paths).</summary>
public sealed partial class GroupCoordinator
{
    /// <summary>
    /// Joins a member. The task completes when the rebalance completes (or at once for errors, MEMBER_ID_REQUIRED
    /// and rejoins that change nothing).
    /// </summary>
    public Task<JoinGroupResult> JoinGroupAsync(JoinGroupRequestArgs request)
    {
        var error = ValidateGroupStatus(request.GroupId, allowEmptyId: false);
        if (error != ErrorCode.None)
        {
            return Task.FromResult(JoinGroupResult.Failed(request.MemberId, error));
        }

        if (request.SessionTimeoutMs < _config.GroupMinSessionTimeoutMs || request.SessionTimeoutMs > _config.GroupMaxSessionTimeoutMs)
        {
            return Task.FromResult(JoinGroupResult.Failed(request.MemberId, ErrorCode.InvalidSessionTimeout));
        }

        var isUnknownMember = request.MemberId.Length == 0;
        var group = isUnknownMember ? GetOrCreateGroup(request.GroupId) : GetGroup(request.GroupId);
        if (group is null)
        {
            return Task.FromResult(JoinGroupResult.Failed(request.MemberId, ErrorCode.UnknownMemberId));
        }

        var response = new TaskCompletionSource<JoinGroupResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (group)
        {
            if (!AcceptJoiningMember(group, request.MemberId))
            {
                group.Remove(request.MemberId);
                response.TrySetResult(JoinGroupResult.Failed(string.Empty, ErrorCode.GroupMaxSizeReached));
            }
            else if (isUnknownMember)
            {
                JoinNewMember(group, request, response);
            }
            else
            {
                JoinCurrentMember(group, request, response);
            }

            if (group.Is(GroupState.PreparingRebalance))
            {
                TryCompleteJoin(group);
            }
        }

        return response.Task;
    }

    private bool AcceptJoiningMember(ClassicGroup group, string memberId) => group.State switch
    {
        GroupState.Empty or GroupState.Dead => true,

        // Counting the members awaiting join (not the group size) lets the last rejoining members be kicked out
        // when group.max.size was lowered.
        GroupState.PreparingRebalance =>
            (group.TryGetMember(memberId, out var m) && m.IsAwaitingJoin) || group.NumMembersAwaitingJoin < _config.GroupMaxSize,
        _ => group.HasMember(memberId) || group.MemberCount < _config.GroupMaxSize,
    };

    private void JoinNewMember(ClassicGroup group, JoinGroupRequestArgs request, TaskCompletionSource<JoinGroupResult> response)
    {
        if (group.Is(GroupState.Dead))
        {
            // Removed by another thread (deleted, or its partition moved): the member must find the coordinator again.
            response.TrySetResult(JoinGroupResult.Failed(string.Empty, ErrorCode.CoordinatorNotAvailable));
            return;
        }

        if (!group.SupportsProtocols(request.ProtocolType, request.Protocols))
        {
            response.TrySetResult(JoinGroupResult.Failed(string.Empty, ErrorCode.InconsistentGroupProtocol));
            return;
        }

        var newMemberId = (request.GroupInstanceId ?? request.ClientId) + "-" + Guid.NewGuid().ToString("D");
        if (request.GroupInstanceId is { } instanceId)
        {
            if (group.CurrentStaticMemberId(instanceId) is { } oldMemberId)
            {
                _logger.LogInformation(
                    "Static member with groupInstanceId={InstanceId} and unknown member id joins group {Group} in {State} state. Replacing previously mapped member {Old} with this groupInstanceId.",
                    instanceId, group.GroupId, group.State, oldMemberId);
                UpdateStaticMemberAndRebalance(group, oldMemberId, newMemberId, instanceId, request, response);
            }
            else
            {
                AddMemberAndRebalance(group, newMemberId, request, response);
            }

            return;
        }

        if (request.RequireKnownMemberId)
        {
            // The member must come back with this id (KIP-394), so that a client whose first JoinGroup timed out
            // cannot leave a trail of unknown members behind.
            var timer = CreateTimer(request.SessionTimeoutMs, () => OnPendingMemberExpired(group, newMemberId));
            group.AddPendingMember(newMemberId, timer);
            response.TrySetResult(JoinGroupResult.Failed(newMemberId, ErrorCode.MemberIdRequired));
            return;
        }

        AddMemberAndRebalance(group, newMemberId, request, response);
    }

    private void JoinCurrentMember(ClassicGroup group, JoinGroupRequestArgs request, TaskCompletionSource<JoinGroupResult> response)
    {
        var memberId = request.MemberId;
        if (group.Is(GroupState.Dead))
        {
            response.TrySetResult(JoinGroupResult.Failed(memberId, ErrorCode.CoordinatorNotAvailable));
            return;
        }

        if (!group.SupportsProtocols(request.ProtocolType, request.Protocols))
        {
            response.TrySetResult(JoinGroupResult.Failed(memberId, ErrorCode.InconsistentGroupProtocol));
            return;
        }

        if (group.IsPendingMember(memberId))
        {
            // A pending member is always dynamic: static members never get MEMBER_ID_REQUIRED.
            if (request.GroupInstanceId is not null)
            {
                response.TrySetResult(JoinGroupResult.Failed(memberId, ErrorCode.FencedInstanceId));
                return;
            }

            AddMemberAndRebalance(group, memberId, request, response);
            return;
        }

        var memberError = ValidateCurrentMember(group, memberId, request.GroupInstanceId);
        if (memberError != ErrorCode.None)
        {
            response.TrySetResult(JoinGroupResult.Failed(memberId, memberError));
            return;
        }

        var member = group.GetMember(memberId);
        switch (group.State)
        {
            case GroupState.PreparingRebalance:
                UpdateMemberAndRebalance(group, member, request, response, $"Member {memberId} joining group during {group.State}; client reason: {request.Reason ?? "not provided"}");
                break;

            case GroupState.CompletingRebalance:
                if (member.Matches(request.Protocols))
                {
                    // The member lost the JoinGroup response of this generation: answer it again.
                    response.TrySetResult(CurrentGenerationResult(group, member, group.IsLeader(memberId)));
                }
                else
                {
                    UpdateMemberAndRebalance(group, member, request, response, $"Updating metadata for member {memberId} during {group.State}; client reason: {request.Reason ?? "not provided"}");
                }

                break;

            case GroupState.Stable:
                if (group.IsLeader(memberId))
                {
                    // A rejoining leader forces a rebalance: that is how consumers react to changes the group cannot
                    // see, such as a subscribed topic gaining partitions.
                    UpdateMemberAndRebalance(group, member, request, response, $"Leader {memberId} re-joining group during {group.State}; client reason: {request.Reason ?? "not provided"}");
                }
                else if (!member.Matches(request.Protocols))
                {
                    UpdateMemberAndRebalance(group, member, request, response, $"Updating metadata for member {memberId} during {group.State}; client reason: {request.Reason ?? "not provided"}");
                }
                else
                {
                    response.TrySetResult(CurrentGenerationResult(group, member, includeMembers: false));
                }

                break;

            default:
                // Empty or Dead: the member has no place here any more; it must reset its generation and rejoin.
                response.TrySetResult(JoinGroupResult.Failed(memberId, ErrorCode.UnknownMemberId));
                break;
        }
    }

    private static JoinGroupResult CurrentGenerationResult(ClassicGroup group, GroupMember member, bool includeMembers) => new(
        includeMembers ? group.CurrentMemberMetadata() : [],
        member.MemberId,
        group.GenerationId,
        group.ProtocolType,
        group.ProtocolName,
        group.LeaderId ?? string.Empty,
        false,
        ErrorCode.None);

    /// <summary>
    /// Kafka's validateCurrentMember: with an instance id, it must map to this member id (FENCED_INSTANCE_ID when it
    /// maps to another, UNKNOWN_MEMBER_ID when to none); without one, the member must exist.
    /// </summary>
    private static ErrorCode ValidateCurrentMember(ClassicGroup group, string memberId, string? groupInstanceId)
    {
        if (groupInstanceId is not null)
        {
            var current = group.CurrentStaticMemberId(groupInstanceId);
            if (current is null)
            {
                return ErrorCode.UnknownMemberId;
            }

            return current == memberId ? ErrorCode.None : ErrorCode.FencedInstanceId;
        }

        return group.HasMember(memberId) ? ErrorCode.None : ErrorCode.UnknownMemberId;
    }

    private void AddMemberAndRebalance(ClassicGroup group, string memberId, JoinGroupRequestArgs request, TaskCompletionSource<JoinGroupResult> response)
    {
        var member = new GroupMember(
            memberId,
            request.GroupInstanceId,
            request.ClientId,
            request.ClientHost,
            request.RebalanceTimeoutMs,
            request.SessionTimeoutMs,
            request.ProtocolType,
            request.Protocols)
        {
            IsNew = true,
        };

        // A member joining during the initial delay extends it (up to the rebalance timeout).
        if (group.Is(GroupState.PreparingRebalance) && group.GenerationId == 0)
        {
            group.NewMemberAdded = true;
        }

        group.Add(member, response);

        // New members cannot heartbeat until they have a generation, and their sockets are busy with JoinGroup, so a
        // long timer drops those whose clients went away while the rebalance waited.
        ScheduleHeartbeatExpiration(group, member, NewMemberJoinTimeoutMs);
        MaybePrepareRebalance(group, $"Adding new member {memberId} with group instance id {request.GroupInstanceId ?? "None"}; client reason: {request.Reason ?? "not provided"}");
    }

    private void UpdateMemberAndRebalance(ClassicGroup group, GroupMember member, JoinGroupRequestArgs request, TaskCompletionSource<JoinGroupResult> response, string reason)
    {
        group.UpdateMember(member, request.Protocols, request.RebalanceTimeoutMs, request.SessionTimeoutMs, response);
        MaybePrepareRebalance(group, reason);
    }

    /// <summary>
    /// A static member came back without its member id: it takes over its old slot under a new id. In a Stable
    /// group whose protocol choice would not change, that needs no rebalance (KIP-345): the new id is persisted
    /// and the member gets the current generation.
    /// </summary>
    private void UpdateStaticMemberAndRebalance(ClassicGroup group, string oldMemberId, string newMemberId, string instanceId, JoinGroupRequestArgs request, TaskCompletionSource<JoinGroupResult> response)
    {
        var currentLeader = group.LeaderId ?? string.Empty;
        var member = group.ReplaceStaticMember(instanceId, oldMemberId, newMemberId);
        ScheduleHeartbeatExpiration(group, member, member.SessionTimeoutMs);
        var oldProtocols = member.Protocols;
        var oldRebalanceTimeout = member.RebalanceTimeoutMs;
        var oldSessionTimeout = member.SessionTimeoutMs;
        group.UpdateMember(member, request.Protocols, request.RebalanceTimeoutMs, request.SessionTimeoutMs, response);

        switch (group.State)
        {
            case GroupState.Stable:
                if (group.SelectProtocol() == group.ProtocolName)
                {
                    var assignment = group.Members.ToDictionary(m => m.MemberId, m => m.Assignment, StringComparer.Ordinal);
                    var error = StoreGroup(group, assignment);
                    if (error != ErrorCode.None)
                    {
                        _logger.LogWarning("Failed to persist metadata for group {Group}: {Error}", group.GroupId, error);
                        group.UpdateMember(member, oldProtocols, oldRebalanceTimeout, oldSessionTimeout, null);
                        var restored = group.ReplaceStaticMember(instanceId, newMemberId, oldMemberId);
                        ScheduleHeartbeatExpiration(group, restored, restored.SessionTimeoutMs);
                        response.TrySetResult(new JoinGroupResult([], string.Empty, group.GenerationId, group.ProtocolType, group.ProtocolName, currentLeader, false, error));
                    }
                    else if (request.SupportSkippingAssignment)
                    {
                        // JoinGroup v9+: a static leader learns it is the leader but must not run the assignor,
                        // since a stable group would ignore a new assignment (KIP-814).
                        var isLeader = group.IsLeader(newMemberId);
                        group.MaybeInvokeJoinCallback(member, new JoinGroupResult(
                            isLeader ? group.CurrentMemberMetadata() : [],
                            newMemberId,
                            group.GenerationId,
                            group.ProtocolType,
                            group.ProtocolName,
                            group.LeaderId ?? string.Empty,
                            isLeader,
                            ErrorCode.None));
                    }
                    else
                    {
                        // Older clients are given the previous leader id so that a returning leader does not run a
                        // pointless assignment that a stable group would not distribute.
                        group.MaybeInvokeJoinCallback(member, new JoinGroupResult(
                            [], newMemberId, group.GenerationId, group.ProtocolType, group.ProtocolName, currentLeader, false, ErrorCode.None));
                    }
                }
                else
                {
                    MaybePrepareRebalance(group, $"Group's selectedProtocol will change because static member {newMemberId} with instance id {instanceId} joined with change of protocol; client reason: {request.Reason ?? "not provided"}");
                }

                break;

            case GroupState.CompletingRebalance:
                // The leader may already be assigning to the old member id: start over so the new id gets an assignment.
                PrepareRebalance(group, $"Updating metadata for static member {newMemberId} with instance id {instanceId}; client reason: {request.Reason ?? "not provided"}");
                break;

            case GroupState.PreparingRebalance:
                break;

            default:
                throw new InvalidOperationException($"Group {group.GroupId} was not supposed to be in the state {group.State} when the unknown static member {instanceId} rejoins.");
        }
    }
}
