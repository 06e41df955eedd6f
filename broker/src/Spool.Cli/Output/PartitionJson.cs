namespace Spool.Cli.Output;

/// <summary>A partition of a described topic; leader -1 means none.</summary>
public sealed record PartitionJson(
    int Partition,
    int Leader,
    int LeaderEpoch,
    IReadOnlyList<int> Replicas,
    IReadOnlyList<int> Isr,
    IReadOnlyList<int> OfflineReplicas);
