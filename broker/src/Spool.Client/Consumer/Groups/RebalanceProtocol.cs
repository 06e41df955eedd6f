namespace Spool.Client.Consumer.Groups;

/// <summary>How partitions move between members during a rebalance.</summary>
public enum RebalanceProtocol
{
    /// <summary>Every member gives up all its partitions before rejoining (range, roundrobin).</summary>
    Eager,

    /// <summary>Members keep their partitions; only those that move are revoked, then assigned in a follow-up rebalance (KIP-429).</summary>
    Cooperative,
}
