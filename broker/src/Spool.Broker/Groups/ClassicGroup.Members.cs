namespace Spool.Broker.Groups;

/// <summary>Membership: members, static members, pending members, protocol support counts and waiters.</summary>
internal sealed partial class ClassicGroup
{
    private readonly Dictionary<string, GroupMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _staticMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _supportedProtocols = new(StringComparer.Ordinal);

    /// <summary>Members given an id by MEMBER_ID_REQUIRED that have not joined with it yet, with their expiry timers.</summary>
    public Dictionary<string, ITimer?> PendingMembers { get; } = new(StringComparer.Ordinal);

    /// <summary>Members of the new generation that have not sent SyncGroup yet.</summary>
    public HashSet<string> PendingSyncMembers { get; } = new(StringComparer.Ordinal);

    public int NumMembersAwaitingJoin { get; private set; }

    public int MemberCount => _members.Count;

    public IEnumerable<GroupMember> Members => _members.Values;

    public IEnumerable<string> MemberIds => _members.Keys;

    public bool HasMember(string memberId) => _members.ContainsKey(memberId);

    public GroupMember GetMember(string memberId) => _members[memberId];

    public bool TryGetMember(string memberId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GroupMember? member) =>
        _members.TryGetValue(memberId, out member);

    public bool IsPendingMember(string memberId) => PendingMembers.ContainsKey(memberId);

    public bool IsLeader(string memberId) => LeaderId == memberId;

    public string? CurrentStaticMemberId(string groupInstanceId) =>
        _staticMembers.TryGetValue(groupInstanceId, out var id) ? id : null;

    public int StaticMemberCount => _staticMembers.Count;

    /// <summary>The largest rebalance timeout of the members: how long a rebalance may wait for them.</summary>
    public int RebalanceTimeoutMs => _members.Values.Aggregate(0, (max, m) => Math.Max(max, m.RebalanceTimeoutMs));

    public bool HasAllMembersJoined => _members.Count == NumMembersAwaitingJoin && PendingMembers.Count == 0;

    public IEnumerable<GroupMember> NotYetRejoinedMembers => _members.Values.Where(m => !m.IsAwaitingJoin);

    public void Add(GroupMember member, TaskCompletionSource<JoinGroupResult>? joinWaiter)
    {
        if (member.GroupInstanceId is { } instanceId)
        {
            if (_staticMembers.ContainsKey(instanceId))
            {
                throw new InvalidOperationException($"Static member with groupInstanceId={instanceId} cannot be added to group {GroupId} since it is already a member");
            }

            _staticMembers[instanceId] = member.MemberId;
        }

        if (_members.Count == 0)
        {
            ProtocolType = member.ProtocolType;
        }

        LeaderId ??= member.MemberId;
        _members[member.MemberId] = member;
        IncrementSupportedProtocols(member);
        member.JoinWaiter = joinWaiter;
        if (member.IsAwaitingJoin)
        {
            NumMembersAwaitingJoin++;
        }

        RemovePendingMember(member.MemberId);
    }

    public void Remove(string memberId)
    {
        if (_members.Remove(memberId, out var member))
        {
            DecrementSupportedProtocols(member);
            if (member.IsAwaitingJoin)
            {
                NumMembersAwaitingJoin--;
            }

            if (member.GroupInstanceId is { } instanceId)
            {
                _staticMembers.Remove(instanceId);
            }
        }

        if (IsLeader(memberId))
        {
            LeaderId = _members.Count > 0 ? _members.Keys.First() : null;
        }

        RemovePendingMember(memberId);
        PendingSyncMembers.Remove(memberId);
    }

    public void AddPendingMember(string memberId, ITimer? expiry) => PendingMembers[memberId] = expiry;

    public void RemovePendingMember(string memberId)
    {
        if (PendingMembers.Remove(memberId, out var timer))
        {
            timer?.Dispose();
        }
    }

    /// <summary>Replaces a member's protocols and timeouts; a waiter makes it (or keeps it) awaiting join.</summary>
    public void UpdateMember(GroupMember member, IReadOnlyList<GroupProtocol> protocols, int rebalanceTimeoutMs, int sessionTimeoutMs, TaskCompletionSource<JoinGroupResult>? joinWaiter)
    {
        DecrementSupportedProtocols(member);
        member.Protocols = protocols;
        IncrementSupportedProtocols(member);
        member.RebalanceTimeoutMs = rebalanceTimeoutMs;
        member.SessionTimeoutMs = sessionTimeoutMs;
        if (joinWaiter is not null && !member.IsAwaitingJoin)
        {
            NumMembersAwaitingJoin++;
        }
        else if (joinWaiter is null && member.IsAwaitingJoin)
        {
            NumMembersAwaitingJoin--;
        }
        else if (joinWaiter is not null && member.JoinWaiter is { } previous && previous != joinWaiter)
        {
            // A second JoinGroup for the same member (its client retried on another connection): the earlier
            // request can no longer be answered meaningfully, so it is told to rejoin instead of hanging.
            previous.TrySetResult(JoinGroupResult.Failed(member.MemberId, Protocol.ErrorCode.RebalanceInProgress));
        }

        member.JoinWaiter = joinWaiter;
    }

    /// <summary>
    /// A static member rejoined without its member id: the existing member takes the new id, and whoever still
    /// waits under the old id is fenced.
    /// </summary>
    public GroupMember ReplaceStaticMember(string groupInstanceId, string oldMemberId, string newMemberId)
    {
        if (!_members.Remove(oldMemberId, out var member))
        {
            throw new InvalidOperationException($"Cannot replace non-existing member id {oldMemberId}");
        }

        MaybeInvokeJoinCallback(member, JoinGroupResult.Failed(oldMemberId, Protocol.ErrorCode.FencedInstanceId));
        MaybeInvokeSyncCallback(member, SyncGroupResult.Failed(Protocol.ErrorCode.FencedInstanceId));
        member.MemberId = newMemberId;
        _members[newMemberId] = member;
        if (IsLeader(oldMemberId))
        {
            LeaderId = newMemberId;
        }

        _staticMembers[groupInstanceId] = newMemberId;
        return member;
    }

    public bool MaybeInvokeJoinCallback(GroupMember member, JoinGroupResult result)
    {
        if (member.JoinWaiter is not { } waiter)
        {
            return false;
        }

        member.JoinWaiter = null;
        NumMembersAwaitingJoin--;
        waiter.TrySetResult(result);
        return true;
    }

    public bool MaybeInvokeSyncCallback(GroupMember member, SyncGroupResult result)
    {
        if (member.SyncWaiter is not { } waiter)
        {
            return false;
        }

        member.SyncWaiter = null;
        waiter.TrySetResult(result);
        return true;
    }

    /// <summary>
    /// Kafka's rule: an Empty group takes any protocol type with at least one protocol; otherwise the type must
    /// match and at least one of the member's protocols must be supported by every current member.
    /// </summary>
    public bool SupportsProtocols(string protocolType, IReadOnlyList<GroupProtocol> protocols)
    {
        if (Is(GroupState.Empty))
        {
            return protocolType.Length > 0 && protocols.Count > 0;
        }

        return ProtocolType == protocolType
            && protocols.Any(p => _supportedProtocols.TryGetValue(p.Name, out var count) && count == _members.Count);
    }

    /// <summary>The protocol supported by every member that most members prefer.</summary>
    public string SelectProtocol()
    {
        if (_members.Count == 0)
        {
            throw new InvalidOperationException("Cannot select protocol for empty group");
        }

        var candidates = _supportedProtocols.Where(kv => kv.Value == _members.Count).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);

        // Kafka leaves ties to hash order; the leader's preference breaks them here so the choice is stable.
        var votes = _members.Values.Select(m => m.Vote(candidates)).GroupBy(p => p, StringComparer.Ordinal).ToList();
        var best = votes.Max(g => g.Count());
        var tied = votes.Where(g => g.Count() == best).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (tied.Count == 1)
        {
            return tied.First();
        }

        var referee = LeaderId is not null && _members.TryGetValue(LeaderId, out var leader) ? leader : _members.Values.First();
        return referee.Vote(tied);
    }

    /// <summary>
    /// If the leader did not rejoin, any member that did becomes leader. False when nobody rejoined, so the
    /// rebalance cannot complete yet.
    /// </summary>
    public bool MaybeElectNewJoinedLeader()
    {
        if (LeaderId is null)
        {
            return false;
        }

        if (_members.TryGetValue(LeaderId, out var leader) && leader.IsAwaitingJoin)
        {
            return true;
        }

        var joined = _members.Values.FirstOrDefault(m => m.IsAwaitingJoin);
        if (joined is null)
        {
            return false;
        }

        LeaderId = joined.MemberId;
        return true;
    }

    /// <summary>Every member with its metadata for the selected protocol (the leader's JoinGroup response).</summary>
    public IReadOnlyList<JoinedMember> CurrentMemberMetadata()
    {
        if (Is(GroupState.Dead) || Is(GroupState.PreparingRebalance) || ProtocolName is null)
        {
            throw new InvalidOperationException($"Cannot obtain member metadata for group in state {State}");
        }

        return _members.Values.Select(m => new JoinedMember(m.MemberId, m.GroupInstanceId, m.Metadata(ProtocolName))).ToList();
    }

    private void IncrementSupportedProtocols(GroupMember member)
    {
        foreach (var p in member.Protocols.Select(p => p.Name).Distinct(StringComparer.Ordinal))
        {
            _supportedProtocols[p] = _supportedProtocols.GetValueOrDefault(p) + 1;
        }
    }

    private void DecrementSupportedProtocols(GroupMember member)
    {
        foreach (var p in member.Protocols.Select(p => p.Name).Distinct(StringComparer.Ordinal))
        {
            var count = _supportedProtocols.GetValueOrDefault(p) - 1;
            if (count <= 0)
            {
                _supportedProtocols.Remove(p);
            }
            else
            {
                _supportedProtocols[p] = count;
            }
        }
    }
}
