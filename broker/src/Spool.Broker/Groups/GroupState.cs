namespace Spool.Broker.Groups;

/// <summary>
/// The states of a classic group, as Kafka names them in DescribeGroups and ListGroups. The numeric values are
/// Spool's own (they never reach the wire; the names do).
/// </summary>
public enum GroupState
{
    /// <summary>No members; the group may still hold committed offsets.</summary>
    Empty = 0,

    /// <summary>A rebalance started: members are expected to (re)join before the rebalance timeout.</summary>
    PreparingRebalance = 1,

    /// <summary>Members joined; waiting for the leader's assignment through SyncGroup.</summary>
    CompletingRebalance = 2,

    /// <summary>Every member has its assignment for the current generation.</summary>
    Stable = 3,

    /// <summary>Removed (deleted, expired or unloaded): requests that still hold it must look it up again.</summary>
    Dead = 4,
}
