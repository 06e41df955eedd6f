namespace Spool.Client.Admin;

/// <summary>One partition of a described topic. <see cref="Leader"/> is -1 when the partition has none.</summary>
public sealed record TopicPartitionInfo(
    int Partition,
    int Leader,
    int LeaderEpoch,
    IReadOnlyList<int> Replicas,
    IReadOnlyList<int> Isr,
    IReadOnlyList<int> OfflineReplicas);
