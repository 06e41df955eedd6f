namespace Spool.Client.Producer;

/// <summary>Chooses the partition of records produced without one. Called concurrently: implementations must be thread-safe.</summary>
public interface IPartitioner
{
    /// <summary>A partition index in [0, <see cref="PartitionerContext.PartitionCount"/>).</summary>
    int Partition(in PartitionerContext context);
}
