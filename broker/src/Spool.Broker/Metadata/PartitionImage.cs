namespace Spool.Broker.Metadata;

/// <summary>One partition's placement: leader, replicas, in-sync replicas and epochs.</summary>
public sealed record PartitionImage(
    int Index,
    int Leader,
    int LeaderEpoch,
    IReadOnlyList<int> Replicas,
    IReadOnlyList<int> Isr,
    int PartitionEpoch);
