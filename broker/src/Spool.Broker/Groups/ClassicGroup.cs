namespace Spool.Broker.Groups;

/// <summary>
/// A classic group's state (Kafka's GroupMetadata): state machine, generation, selected protocol, leader,
/// members, pending members and committed offsets. Not thread-safe: every access holds <c>lock (group)</c>,
/// as Kafka's <c>group.inLock</c>.
/// </summary>
internal sealed partial class ClassicGroup
{
    private static readonly Dictionary<GroupState, GroupState[]> ValidPreviousStates = new()
    {
        [GroupState.Empty] = [GroupState.PreparingRebalance],
        [GroupState.PreparingRebalance] = [GroupState.Stable, GroupState.CompletingRebalance, GroupState.Empty],
        [GroupState.CompletingRebalance] = [GroupState.PreparingRebalance],
        [GroupState.Stable] = [GroupState.CompletingRebalance],
        [GroupState.Dead] = [GroupState.Stable, GroupState.PreparingRebalance, GroupState.CompletingRebalance, GroupState.Empty, GroupState.Dead],
    };

    public ClassicGroup(string groupId, int partition, GroupState initialState = GroupState.Empty)
    {
        GroupId = groupId;
        Partition = partition;
        State = initialState;
    }

    public string GroupId { get; }

    /// <summary>The __consumer_offsets partition that holds this group.</summary>
    public int Partition { get; }

    public GroupState State { get; private set; }

    /// <summary>When the group entered its current state (ms since the epoch); null for groups loaded from old records.</summary>
    public long? StateTimestamp { get; set; }

    public int GenerationId { get; set; }

    /// <summary>The members' protocol type ("consumer", "connect", ...); null for groups that only store offsets.</summary>
    public string? ProtocolType { get; set; }

    /// <summary>The protocol selected for the current generation; null while there is none.</summary>
    public string? ProtocolName { get; set; }

    public string? LeaderId { get; set; }

    /// <summary>Topics the members subscribe to (consumer protocol only); null when unknown.</summary>
    public IReadOnlySet<string>? SubscribedTopics { get; set; }

    /// <summary>Set when a member joins during the initial (delayed) rebalance, which then waits once more.</summary>
    public bool NewMemberAdded { get; set; }

    public bool IsConsumerGroup => ProtocolType == ConsumerProtocolType;

    public const string ConsumerProtocolType = "consumer";

    public bool Is(GroupState state) => State == state;

    public bool CanRebalance => ValidPreviousStates[GroupState.PreparingRebalance].Contains(State);

    public void TransitionTo(GroupState target, long nowMs)
    {
        if (!ValidPreviousStates[target].Contains(State))
        {
            throw new InvalidOperationException($"Group {GroupId} should be in one of [{string.Join(", ", ValidPreviousStates[target])}] before moving to {target}; it is {State}");
        }

        State = target;
        StateTimestamp = nowMs;
    }

    /// <summary>
    /// Starts the next generation once the joins are in: the protocol is chosen by vote and the group moves on to
    /// CompletingRebalance, or to Empty when nobody is left.
    /// </summary>
    public void InitNextGeneration(long nowMs)
    {
        GenerationId++;
        if (MemberCount > 0)
        {
            ProtocolName = SelectProtocol();
            SubscribedTopics = ComputeSubscribedTopics();
            TransitionTo(GroupState.CompletingRebalance, nowMs);
        }
        else
        {
            ProtocolName = null;
            SubscribedTopics = ComputeSubscribedTopics();
            TransitionTo(GroupState.Empty, nowMs);
        }

        PendingSyncMembers.Clear();
    }

    /// <summary>
    /// The topics in the members' consumer-protocol subscriptions (read with the v0 layout, which every version
    /// starts with); empty for a consumer group without members; null when not a consumer group or unreadable.
    /// </summary>
    public IReadOnlySet<string>? ComputeSubscribedTopics()
    {
        if (!IsConsumerGroup)
        {
            return null;
        }

        if (MemberCount == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        if (ProtocolName is null)
        {
            return null;
        }

        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in Members)
        {
            var subscription = ConsumerProtocolCodec.TryReadSubscriptionTopics(member.Metadata(ProtocolName));
            if (subscription is null)
            {
                return null;
            }

            topics.UnionWith(subscription);
        }

        return topics;
    }

    public bool IsSubscribedToTopic(string topic) => SubscribedTopics is null || SubscribedTopics.Contains(topic);
}
