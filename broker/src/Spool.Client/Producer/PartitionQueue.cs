namespace Spool.Client.Producer;

/// <summary>A partition's batches waiting to be sent, oldest first. Guarded by locking the instance.</summary>
internal sealed class PartitionQueue
{
    public LinkedList<ProducerBatch> Batches { get; } = new();

    /// <summary>A batch of this partition is in flight and order must be kept: nothing else is sent until it completes.</summary>
    public bool Muted { get; set; }

    /// <summary>The idempotent producer's next sequence number for this partition.</summary>
    public int NextSequence { get; set; }
}
