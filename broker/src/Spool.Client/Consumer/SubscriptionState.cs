namespace Spool.Client.Consumer;

/// <summary>
/// The consumer's assigned partitions and their positions. Assignment comes from the application today
/// (<see cref="KafkaConsumer.Assign"/>); a group-membership layer would call <see cref="Assign"/> after each
/// rebalance the same way. Thread-safe.
/// </summary>
internal sealed class SubscriptionState
{
    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];
    private readonly Lock _lock = new();

    public IReadOnlyCollection<TopicPartition> Assigned
    {
        get
        {
            lock (_lock)
            {
                return [.. _partitions.Keys];
            }
        }
    }

    /// <summary>Replaces the assignment; partitions kept keep their positions, new ones start uninitialized.</summary>
    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        var wanted = partitions.ToHashSet();
        lock (_lock)
        {
            foreach (var gone in _partitions.Keys.Where(p => !wanted.Contains(p)).ToList())
            {
                _partitions.Remove(gone);
            }

            foreach (var partition in wanted)
            {
                _partitions.TryAdd(partition, new PartitionState());
            }
        }
    }

    public PartitionState? Get(TopicPartition partition)
    {
        lock (_lock)
        {
            return _partitions.GetValueOrDefault(partition);
        }
    }

    public PartitionState Require(TopicPartition partition) =>
        Get(partition) ?? throw new InvalidOperationException($"{partition} is not assigned to this consumer");

    /// <summary>Runs <paramref name="action"/> on the partition's state under the lock, if it is still assigned.</summary>
    public T? With<T>(TopicPartition partition, Func<PartitionState, T> action)
    {
        lock (_lock)
        {
            return _partitions.TryGetValue(partition, out var state) ? action(state) : default;
        }
    }

    /// <summary>Snapshot of partitions that need a position, with the seek generation the answer must match.</summary>
    public List<(TopicPartition Partition, PendingReset Reset, int Generation)> NeedingPosition()
    {
        lock (_lock)
        {
            return [.. _partitions.Where(p => !p.Value.HasPosition).Select(p => (p.Key, p.Value.Reset, p.Value.SeekGeneration))];
        }
    }

    /// <summary>Partitions that can be fetched now: positioned, not paused, and not excluded (data still buffered).</summary>
    public List<(TopicPartition Partition, long Position, int? Epoch)> Fetchable(IReadOnlySet<TopicPartition> exclude)
    {
        lock (_lock)
        {
            return [.. _partitions
                .Where(p => p.Value.HasPosition && !p.Value.Paused && !exclude.Contains(p.Key))
                .Select(p => (p.Key, p.Value.Position, p.Value.PositionEpoch))];
        }
    }

    /// <summary>Sets the position found by a look-up unless the partition was sought or unassigned since.</summary>
    public bool TrySetPosition(TopicPartition partition, int generation, long offset, int? epoch)
    {
        lock (_lock)
        {
            if (!_partitions.TryGetValue(partition, out var state) || state.SeekGeneration != generation || state.HasPosition)
            {
                return false;
            }

            state.Seek(offset, epoch);
            return true;
        }
    }

    public Dictionary<TopicPartition, OffsetAndMetadata> Positions()
    {
        lock (_lock)
        {
            return _partitions.Where(p => p.Value.HasPosition)
                .ToDictionary(p => p.Key, p => new OffsetAndMetadata(p.Value.Position, null, p.Value.PositionEpoch));
        }
    }
}
