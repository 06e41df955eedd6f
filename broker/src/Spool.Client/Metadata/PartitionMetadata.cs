using Spool.Protocol;

namespace Spool.Client.Metadata;

/// <summary>One partition in a metadata response: leader (-1 when none), leader epoch, replicas and ISR.</summary>
internal sealed record PartitionMetadata(
    int Partition,
    int Leader,
    int LeaderEpoch,
    IReadOnlyList<int> Replicas,
    IReadOnlyList<int> Isr,
    IReadOnlyList<int> OfflineReplicas,
    ErrorCode Error);
