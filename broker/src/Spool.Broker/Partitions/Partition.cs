using Spool.Broker.Metadata;
using Spool.Storage;

namespace Spool.Broker.Partitions;

/// <summary>
/// A partition this broker hosts: its log, its placement from metadata, and a signal that long-polling
/// fetches await. The signal is a task swapped each time the high watermark advances, so a fetch that
/// takes the task before reading can never miss an append.
/// </summary>
public sealed class Partition
{
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Partition(PartitionLog log, PartitionImage placement, Protocol.Uuid topicId)
    {
        Log = log;
        Placement = placement;
        TopicId = topicId;
        log.HighWatermarkAdvanced += _ => Signal();
        log.LogStartOffsetChanged += _ => Signal();
    }

    public PartitionLog Log { get; }

    public TopicPartition TopicPartition => Log.TopicPartition;

    public Protocol.Uuid TopicId { get; }

    public PartitionImage Placement { get; set; }

    public int LeaderEpoch => Placement.LeaderEpoch;

    /// <summary>Completes the next time the high watermark or the log start offset moves.</summary>
    public Task Changed => Volatile.Read(ref _advanced).Task;

    public void Signal()
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _advanced, next).TrySetResult();
    }
}
