namespace Spool.Broker.Groups;

/// <summary>
/// One member of a classic group (Kafka's MemberMetadata). Everything here is guarded by the group's lock. A
/// member waiting in JoinGroup or SyncGroup holds the completion source its request awaits.
/// </summary>
internal sealed class GroupMember
{
    public GroupMember(
        string memberId,
        string? groupInstanceId,
        string clientId,
        string clientHost,
        int rebalanceTimeoutMs,
        int sessionTimeoutMs,
        string protocolType,
        IReadOnlyList<GroupProtocol> protocols)
    {
        MemberId = memberId;
        GroupInstanceId = groupInstanceId;
        ClientId = clientId;
        ClientHost = clientHost;
        RebalanceTimeoutMs = rebalanceTimeoutMs;
        SessionTimeoutMs = sessionTimeoutMs;
        ProtocolType = protocolType;
        Protocols = protocols;
    }

    /// <summary>Changes only when a static member rejoins without its member id and takes over this slot.</summary>
    public string MemberId { get; set; }

    public string? GroupInstanceId { get; }

    public string ClientId { get; }

    public string ClientHost { get; }

    public int RebalanceTimeoutMs { get; set; }

    public int SessionTimeoutMs { get; set; }

    public string ProtocolType { get; }

    /// <summary>The member's protocols in its order of preference.</summary>
    public IReadOnlyList<GroupProtocol> Protocols { get; set; }

    public byte[] Assignment { get; set; } = [];

    /// <summary>Joined in the current rebalance and not yet through it: its session timer is the 5-minute join timer.</summary>
    public bool IsNew { get; set; }

    public TaskCompletionSource<JoinGroupResult>? JoinWaiter { get; set; }

    public TaskCompletionSource<SyncGroupResult>? SyncWaiter { get; set; }

    public bool HeartbeatSatisfied { get; set; }

    /// <summary>The pending session-expiry timer; <see cref="HeartbeatEpoch"/> tells a stale callback from the current one.</summary>
    public ITimer? HeartbeatTimer { get; set; }

    public long HeartbeatEpoch { get; set; }

    public bool IsAwaitingJoin => JoinWaiter is not null;

    public bool IsAwaitingSync => SyncWaiter is not null;

    public bool IsStatic => GroupInstanceId is not null;

    /// <summary>
    /// Kafka's rule: a new member must heartbeat (join) in time; a member waiting in JoinGroup or SyncGroup is
    /// alive by definition, since its request is parked here; any other member needs a heartbeat.
    /// </summary>
    public bool HasSatisfiedHeartbeat => IsNew ? HeartbeatSatisfied : IsAwaitingJoin || IsAwaitingSync || HeartbeatSatisfied;

    public byte[] Metadata(string protocol)
    {
        foreach (var p in Protocols)
        {
            if (p.Name == protocol)
            {
                return p.Metadata;
            }
        }

        throw new InvalidOperationException($"member {MemberId} does not support protocol {protocol}");
    }

    /// <summary>Same protocols with the same metadata in the same order (a rejoin that changes nothing).</summary>
    public bool Matches(IReadOnlyList<GroupProtocol> protocols)
    {
        if (protocols.Count != Protocols.Count)
        {
            return false;
        }

        for (var i = 0; i < protocols.Count; i++)
        {
            if (protocols[i].Name != Protocols[i].Name || !protocols[i].Metadata.AsSpan().SequenceEqual(Protocols[i].Metadata))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The member's most preferred protocol among the candidates every member supports.</summary>
    public string Vote(IReadOnlySet<string> candidates)
    {
        foreach (var p in Protocols)
        {
            if (candidates.Contains(p.Name))
            {
                return p.Name;
            }
        }

        throw new InvalidOperationException($"member {MemberId} supports none of the candidate protocols");
    }

    public void CancelHeartbeat()
    {
        HeartbeatEpoch++;
        HeartbeatTimer?.Dispose();
        HeartbeatTimer = null;
    }
}
