namespace Spool.Broker.Groups;

/// <summary>
/// The group's delayed operations (Kafka's join and sync purgatory entries): at most one rebalance timer and one
/// pending-sync timer. Each scheduling bumps an epoch so that a timer firing after it was replaced does nothing.
/// </summary>
internal sealed partial class ClassicGroup
{
    public ITimer? JoinTimer { get; private set; }

    public long JoinEpoch { get; private set; }

    /// <summary>The pending join is the initial delayed one, which never completes early.</summary>
    public bool JoinIsInitial { get; private set; }

    public ITimer? SyncTimer { get; private set; }

    public long SyncEpoch { get; private set; }

    public bool HasPendingJoin => JoinTimer is not null;

    public long ReplaceJoinTimer(Func<long, ITimer> create, bool initial)
    {
        CancelJoinTimer();
        JoinIsInitial = initial;
        JoinTimer = create(JoinEpoch);
        return JoinEpoch;
    }

    public void CancelJoinTimer()
    {
        JoinEpoch++;
        JoinTimer?.Dispose();
        JoinTimer = null;
    }

    public void ReplaceSyncTimer(Func<long, ITimer> create)
    {
        CancelSyncTimer();
        SyncTimer = create(SyncEpoch);
    }

    public void CancelSyncTimer()
    {
        SyncEpoch++;
        SyncTimer?.Dispose();
        SyncTimer = null;
    }

    /// <summary>Stops every timer of the group and its members (the group is being unloaded or deleted).</summary>
    public void CancelAllTimers()
    {
        CancelJoinTimer();
        CancelSyncTimer();
        foreach (var member in Members)
        {
            member.CancelHeartbeat();
        }

        foreach (var timer in PendingMembers.Values)
        {
            timer?.Dispose();
        }
    }
}
