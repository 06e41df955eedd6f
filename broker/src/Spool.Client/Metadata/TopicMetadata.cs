using Spool.Protocol;

namespace Spool.Client.Metadata;

/// <summary>One topic in a metadata response; partitions are ordered by index.</summary>
internal sealed record TopicMetadata(string Name, Uuid TopicId, bool IsInternal, IReadOnlyList<PartitionMetadata> Partitions, ErrorCode Error)
{
    /// <summary>Partitions with a leader, computed once per snapshot (the partitioner asks for every record).</summary>
    public IReadOnlyList<int> AvailablePartitions { get; } = [.. Partitions.Where(p => p.Leader >= 0).Select(p => p.Partition)];

    public PartitionMetadata? Partition(int index) =>
        index >= 0 && index < Partitions.Count && Partitions[index].Partition == index
            ? Partitions[index]
            : Partitions.FirstOrDefault(p => p.Partition == index);
}
