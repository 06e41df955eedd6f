using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Fakes;

/// <summary>
/// A small classic group coordinator: member ids handed out first (MEMBER_ID_REQUIRED), rebalances that
/// collect joins until every member rejoined or <see cref="RebalanceWindow"/> passed (members that did not
/// rejoin are dropped), the first member as leader, assignments passed through SyncGroup, heartbeats that
/// answer REBALANCE_IN_PROGRESS while a rebalance collects joins. No session expiry.
/// </summary>
public sealed partial class FakeCluster
{
    private int _memberCounter;

    public TimeSpan RebalanceWindow { get; set; } = TimeSpan.FromSeconds(3);

    private async Task<JoinGroupResponse> JoinGroupAsync(int node, JoinGroupRequest request, FakeRequestContext context)
    {
        Task<JoinGroupResponse> waiting;
        lock (_lock)
        {
            if (node != CoordinatorId)
            {
                return new JoinGroupResponse { ErrorCode = (short)ErrorCode.NotCoordinator, ProtocolName = "" };
            }

            var group = GroupLocked(request.GroupId);
            var memberId = request.MemberId;
            if (memberId.Length == 0)
            {
                memberId = $"{context.Header.ClientId}-{Interlocked.Increment(ref _memberCounter)}";
                if (context.Version >= 4)
                {
                    group.PendingMemberIds.Add(memberId);
                    return new JoinGroupResponse { ErrorCode = (short)ErrorCode.MemberIdRequired, MemberId = memberId, ProtocolName = "" };
                }
            }
            else if (!group.Live.ContainsKey(memberId) && !group.PendingMemberIds.Remove(memberId))
            {
                return new JoinGroupResponse { ErrorCode = (short)ErrorCode.UnknownMemberId, ProtocolName = "" };
            }

            if (!group.Live.TryGetValue(memberId, out var member))
            {
                group.Live[memberId] = member = new FakeMember(memberId, context.Header.ClientId ?? "");
            }

            group.ProtocolType = request.ProtocolType;
            member.Protocols = request.Protocols;
            member.PendingJoin = new TaskCompletionSource<JoinGroupResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = member.PendingJoin.Task;
            StartRebalanceLocked(group);
            if (group.Live.Values.All(m => m.PendingJoin is not null))
            {
                CompleteJoinLocked(group);
            }
        }

        return await waiting;
    }

    private void StartRebalanceLocked(FakeGroup group)
    {
        if (group.JoinWindow is not null)
        {
            return;
        }

        group.State = "PreparingRebalance";
        var window = new CancellationTokenSource();
        group.JoinWindow = window;
        _ = Task.Delay(RebalanceWindow, window.Token).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    lock (_lock)
                    {
                        if (group.JoinWindow == window)
                        {
                            CompleteJoinLocked(group);
                        }
                    }
                }
            },
            TaskScheduler.Default);
    }

    private void CompleteJoinLocked(FakeGroup group)
    {
        group.JoinWindow?.Cancel();
        group.JoinWindow = null;
        foreach (var late in group.Live.Values.Where(m => m.PendingJoin is null).ToList())
        {
            group.Live.Remove(late.Id);
        }

        group.Generation++;
        if (group.Leader is null || !group.Live.ContainsKey(group.Leader))
        {
            group.Leader = group.Live.Keys.FirstOrDefault();
        }

        var leader = group.Leader is null ? null : group.Live[group.Leader];
        group.Protocol = leader?.Protocols.Select(p => p.Name).FirstOrDefault(name => group.Live.Values.All(m => m.Protocols.Any(p => p.Name == name))) ?? "";
        group.State = group.Live.Count == 0 ? "Empty" : "CompletingRebalance";
        foreach (var member in group.Live.Values)
        {
            member.PendingSync = null;
            var response = new JoinGroupResponse
            {
                GenerationId = group.Generation,
                ProtocolType = group.ProtocolType,
                ProtocolName = group.Protocol,
                Leader = group.Leader ?? "",
                MemberId = member.Id,
                Members = member.Id == group.Leader
                    ? [.. group.Live.Values.Select(m => new JoinGroupResponse.JoinGroupResponseMember { MemberId = m.Id, Metadata = m.Protocols.First(p => p.Name == group.Protocol).Metadata })]
                    : [],
            };
            var pending = member.PendingJoin!;
            member.PendingJoin = null;
            pending.TrySetResult(response);
        }
    }

    private async Task<SyncGroupResponse> SyncGroupAsync(int node, SyncGroupRequest request)
    {
        Task<SyncGroupResponse> waiting;
        lock (_lock)
        {
            var group = node == CoordinatorId ? Groups.GetValueOrDefault(request.GroupId) : null;
            if (group is null || !group.Live.TryGetValue(request.MemberId, out var member))
            {
                return new SyncGroupResponse { ErrorCode = (short)(node != CoordinatorId ? ErrorCode.NotCoordinator : ErrorCode.UnknownMemberId) };
            }

            if (request.GenerationId != group.Generation)
            {
                return new SyncGroupResponse { ErrorCode = (short)ErrorCode.IllegalGeneration };
            }

            if (group.State == "PreparingRebalance")
            {
                return new SyncGroupResponse { ErrorCode = (short)ErrorCode.RebalanceInProgress };
            }

            member.PendingSync = new TaskCompletionSource<SyncGroupResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = member.PendingSync.Task;
            if (request.MemberId == group.Leader)
            {
                foreach (var assignment in request.Assignments)
                {
                    if (group.Live.TryGetValue(assignment.MemberId, out var target))
                    {
                        target.Assignment = assignment.Assignment;
                    }
                }

                group.State = "Stable";
                group.Members.Clear();
                group.Members.AddRange(group.Live.Values.Select(m => (m.Id, m.ClientId, m.Assignment)));
            }

            if (group.State == "Stable")
            {
                foreach (var waiter in group.Live.Values.Where(m => m.PendingSync is not null))
                {
                    var pending = waiter.PendingSync!;
                    waiter.PendingSync = null;
                    pending.TrySetResult(new SyncGroupResponse { ProtocolType = group.ProtocolType, ProtocolName = group.Protocol, Assignment = waiter.Assignment });
                }
            }
        }

        return await waiting;
    }

    private HeartbeatResponse Heartbeat(int node, HeartbeatRequest request)
    {
        lock (_lock)
        {
            var group = node == CoordinatorId ? Groups.GetValueOrDefault(request.GroupId) : null;
            var error = node != CoordinatorId ? ErrorCode.NotCoordinator
                : group is null || !group.Live.ContainsKey(request.MemberId) ? ErrorCode.UnknownMemberId
                : request.GenerationId != group.Generation ? ErrorCode.IllegalGeneration
                : group.State == "PreparingRebalance" ? ErrorCode.RebalanceInProgress
                : ErrorCode.None;
            return new HeartbeatResponse { ErrorCode = (short)error };
        }
    }

    private LeaveGroupResponse LeaveGroup(int node, LeaveGroupRequest request, short version)
    {
        lock (_lock)
        {
            var group = node == CoordinatorId ? Groups.GetValueOrDefault(request.GroupId) : null;
            if (group is null)
            {
                return new LeaveGroupResponse { ErrorCode = (short)(node != CoordinatorId ? ErrorCode.NotCoordinator : ErrorCode.UnknownMemberId) };
            }

            var ids = version >= 3 ? request.Members.Select(m => m.MemberId).ToList() : [request.MemberId];
            foreach (var id in ids)
            {
                group.Live.Remove(id);
                group.Members.RemoveAll(m => m.MemberId == id);
            }

            if (group.Live.Count > 0)
            {
                StartRebalanceLocked(group);
            }
            else
            {
                group.State = "Empty";
                group.Leader = null;
            }

            return new LeaveGroupResponse
            {
                Members = [.. ids.Select(id => new LeaveGroupResponse.MemberResponse { MemberId = id })],
            };
        }
    }
}
