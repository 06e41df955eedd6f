using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>
/// The rebalance protocol: preparing a rebalance, completing the join phase (Kafka's DelayedJoin and
/// InitialDelayedJoin), the pending-sync deadline (DelayedSync) and assignment propagation.
/// </summary>
public sealed partial class GroupCoordinator
{
    private void MaybePrepareRebalance(ClassicGroup group, string reason)
    {
        if (group.CanRebalance)
        {
            PrepareRebalance(group, reason);
        }
    }

    private void PrepareRebalance(ClassicGroup group, string reason)
    {
        // Members waiting in SyncGroup of the generation being abandoned are told to rejoin.
        if (group.Is(GroupState.CompletingRebalance))
        {
            ResetAndPropagateAssignmentError(group, ErrorCode.RebalanceInProgress);
        }

        RemoveSyncExpiration(group);
        var fromEmpty = group.Is(GroupState.Empty);
        group.TransitionTo(GroupState.PreparingRebalance, NowMs);
        _logger.LogInformation(
            "Preparing to rebalance group {Group} in state {State} with old generation {Generation} ({Topic}-{Partition}) (reason: {Reason})",
            group.GroupId, group.State, group.GenerationId, OffsetsTopic.Name, group.Partition, reason);

        if (fromEmpty)
        {
            // The first rebalance of an empty group waits group.initial.rebalance.delay.ms so that consumers
            // starting together land in one generation; each newcomer extends the wait, up to the rebalance timeout.
            var delay = _config.GroupInitialRebalanceDelayMs;
            ScheduleInitialJoin(group, delay, Math.Max(group.RebalanceTimeoutMs - delay, 0));
        }
        else
        {
            ScheduleJoin(group, group.RebalanceTimeoutMs);
            TryCompleteJoin(group);
        }
    }

    private void ScheduleJoin(ClassicGroup group, int delayMs) =>
        group.ReplaceJoinTimer(epoch => CreateTimer(delayMs, () => OnJoinTimer(group, epoch, null)), initial: false);

    private void ScheduleInitialJoin(ClassicGroup group, int delayMs, int remainingMs) =>
        group.ReplaceJoinTimer(epoch => CreateTimer(delayMs, () => OnJoinTimer(group, epoch, (delayMs, remainingMs))), initial: true);

    private void OnJoinTimer(ClassicGroup group, long epoch, (int Delay, int Remaining)? initial)
    {
        lock (group)
        {
            if (group.JoinEpoch != epoch)
            {
                return;
            }

            group.CancelJoinTimer();
            if (initial is { } i && group.NewMemberAdded && i.Remaining != 0)
            {
                group.NewMemberAdded = false;
                var delay = Math.Min(_config.GroupInitialRebalanceDelayMs, i.Remaining);
                ScheduleInitialJoin(group, delay, Math.Max(i.Remaining - i.Delay, 0));
                return;
            }

            CompleteJoin(group);
        }
    }

    /// <summary>Completes the join phase early once every member (and no pending one) has joined.</summary>
    private void TryCompleteJoin(ClassicGroup group)
    {
        if (group.HasPendingJoin && !group.JoinIsInitial && group.HasAllMembersJoined)
        {
            group.CancelJoinTimer();
            CompleteJoin(group);
        }
    }

    private void CompleteJoin(ClassicGroup group)
    {
        // Dynamic members that did not rejoin in time are dropped; static ones keep their place (KIP-345).
        foreach (var failed in group.NotYetRejoinedMembers.Where(m => !m.IsStatic).ToList())
        {
            _logger.LogInformation("Group {Group} removed dynamic member {Member} who didn't rejoin", group.GroupId, failed.MemberId);
            group.Remove(failed.MemberId);
            failed.CancelHeartbeat();
        }

        if (group.Is(GroupState.Dead))
        {
            return;
        }

        if (!group.MaybeElectNewJoinedLeader() && group.MemberCount > 0)
        {
            // Only static members that did not rejoin are left: wait again until their sessions expire.
            _logger.LogError("Group {Group} could not complete rebalance because no members rejoined", group.GroupId);
            ScheduleJoin(group, group.RebalanceTimeoutMs);
            TryCompleteJoin(group);
            return;
        }

        group.InitNextGeneration(NowMs);
        if (group.Is(GroupState.Empty))
        {
            _logger.LogInformation("Group {Group} with generation {Generation} is now empty ({Topic}-{Partition})", group.GroupId, group.GenerationId, OffsetsTopic.Name, group.Partition);
            var error = StoreGroup(group, new Dictionary<string, byte[]>());
            if (error != ErrorCode.None)
            {
                // Harmless: without members, the older generation in the log only makes members time out on reload.
                _logger.LogWarning("Failed to write empty metadata for group {Group}: {Error}", group.GroupId, error);
            }

            return;
        }

        _logger.LogInformation(
            "Stabilized group {Group} generation {Generation} ({Topic}-{Partition}) with {Members} members",
            group.GroupId, group.GenerationId, OffsetsTopic.Name, group.Partition, group.MemberCount);
        var leaderMembers = group.CurrentMemberMetadata();
        foreach (var member in group.Members.ToList())
        {
            var isLeader = group.IsLeader(member.MemberId);
            group.MaybeInvokeJoinCallback(member, new JoinGroupResult(
                isLeader ? leaderMembers : [],
                member.MemberId,
                group.GenerationId,
                group.ProtocolType,
                group.ProtocolName,
                group.LeaderId ?? string.Empty,
                false,
                ErrorCode.None));
            ScheduleHeartbeatExpiration(group, member, member.SessionTimeoutMs);
            member.IsNew = false;
            group.PendingSyncMembers.Add(member.MemberId);
        }

        SchedulePendingSync(group);
    }

    /// <summary>Members that do not send SyncGroup within the rebalance timeout are removed (Kafka's DelayedSync).</summary>
    private void SchedulePendingSync(ClassicGroup group)
    {
        var generation = group.GenerationId;
        group.ReplaceSyncTimer(epoch => CreateTimer(group.RebalanceTimeoutMs, () => OnPendingSyncExpired(group, epoch, generation)));
    }

    private void OnPendingSyncExpired(ClassicGroup group, long epoch, int generation)
    {
        lock (group)
        {
            if (group.SyncEpoch != epoch)
            {
                return;
            }

            group.CancelSyncTimer();
            if (generation != group.GenerationId || group.State is not (GroupState.CompletingRebalance or GroupState.Stable) || group.PendingSyncMembers.Count == 0)
            {
                return;
            }

            var pending = group.PendingSyncMembers.ToList();
            foreach (var memberId in pending)
            {
                if (group.TryGetMember(memberId, out var member))
                {
                    member.CancelHeartbeat();
                }

                group.Remove(memberId);
            }

            PrepareRebalance(group, $"Removing [{string.Join(", ", pending)}] on pending sync request expiration");
        }
    }

    private static void RemovePendingSyncMember(ClassicGroup group, string memberId)
    {
        group.PendingSyncMembers.Remove(memberId);
        if (group.PendingSyncMembers.Count == 0)
        {
            group.CancelSyncTimer();
        }
    }

    private static void RemoveSyncExpiration(ClassicGroup group)
    {
        group.PendingSyncMembers.Clear();
        group.CancelSyncTimer();
    }

    private void RemoveMemberAndUpdateGroup(ClassicGroup group, GroupMember member, string reason)
    {
        // A member removed while its JoinGroup is parked (a new member timing out) gets UNKNOWN_MEMBER_ID so that
        // its client, if still alive, simply joins again.
        group.MaybeInvokeJoinCallback(member, JoinGroupResult.Failed(string.Empty, ErrorCode.UnknownMemberId));
        group.Remove(member.MemberId);
        member.CancelHeartbeat();
        switch (group.State)
        {
            case GroupState.Stable or GroupState.CompletingRebalance:
                MaybePrepareRebalance(group, reason);
                break;
            case GroupState.PreparingRebalance:
                TryCompleteJoin(group);
                break;
        }
    }

    private void RemovePendingMemberAndUpdateGroup(ClassicGroup group, string memberId)
    {
        group.RemovePendingMember(memberId);
        if (group.Is(GroupState.PreparingRebalance))
        {
            TryCompleteJoin(group);
        }
    }

    private void OnPendingMemberExpired(ClassicGroup group, string memberId)
    {
        lock (group)
        {
            if (group.Is(GroupState.Dead) || !group.IsPendingMember(memberId))
            {
                return;
            }

            _logger.LogInformation("Pending member {Member} in group {Group} has been removed after session timeout expiration.", memberId, group.GroupId);
            RemovePendingMemberAndUpdateGroup(group, memberId);
        }
    }

    private void ResetAndPropagateAssignmentError(ClassicGroup group, ErrorCode error)
    {
        foreach (var member in group.Members)
        {
            member.Assignment = [];
        }

        PropagateAssignment(group, error);
    }

    private void SetAndPropagateAssignment(ClassicGroup group, IReadOnlyDictionary<string, byte[]> assignment)
    {
        foreach (var member in group.Members)
        {
            member.Assignment = assignment.TryGetValue(member.MemberId, out var a) ? a : [];
        }

        PropagateAssignment(group, ErrorCode.None);
    }

    private void PropagateAssignment(ClassicGroup group, ErrorCode error)
    {
        var ok = error == ErrorCode.None;
        foreach (var member in group.Members.ToList())
        {
            var result = new SyncGroupResult(ok ? group.ProtocolType : null, ok ? group.ProtocolName : null, member.Assignment, error);
            if (group.MaybeInvokeSyncCallback(member, result))
            {
                // A member whose session ran out while it waited for the assignment (waiting counts as alive) needs a
                // fresh deadline now, or it would never expire.
                ScheduleHeartbeatExpiration(group, member, member.SessionTimeoutMs);
            }
        }
    }
}
