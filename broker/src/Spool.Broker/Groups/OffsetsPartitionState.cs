namespace Spool.Broker.Groups;

/// <summary>A __consumer_offsets partition this node leads: loading until its records are replayed, then loaded.</summary>
internal sealed class OffsetsPartitionState
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OffsetsPartitionState(int partition, int leaderEpoch, Protocol.Uuid topicId)
    {
        Partition = partition;
        LeaderEpoch = leaderEpoch;
        TopicId = topicId;
    }

    public int Partition { get; }

    public int LeaderEpoch { get; }

    public Protocol.Uuid TopicId { get; }

    public bool IsLoading => !_loaded.Task.IsCompleted;

    /// <summary>Completes when loading finished (or the partition was given up).</summary>
    public Task Loaded => _loaded.Task;

    public void MarkLoaded() => _loaded.TrySetResult();
}
