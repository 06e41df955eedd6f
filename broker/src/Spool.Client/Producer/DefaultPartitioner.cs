using System.Collections.Concurrent;

namespace Spool.Client.Producer;

/// <summary>
/// Java's built-in partitioner: keyed records go to murmur2(key) modulo the partition count (every client that
/// follows Java puts a key in the same place); records without a key stick to one available partition until
/// about a batch's worth of bytes went there, then move to another at random (KIP-794's uniform sticky
/// partitioning), so null-key traffic forms full batches yet spreads evenly.
/// </summary>
public sealed class DefaultPartitioner : IPartitioner
{
    private readonly ConcurrentDictionary<string, StickyState> _sticky = new(StringComparer.Ordinal);
    private readonly int _stickyBytes;

    /// <param name="stickyBytes">Bytes after which null-key records move on; the producer passes <c>batch.size</c>.</param>
    public DefaultPartitioner(int stickyBytes = 16 * 1024)
    {
        _stickyBytes = Math.Max(1, stickyBytes);
    }

    public int Partition(in PartitionerContext context)
    {
        if (context.Key is { } key)
        {
            return Murmur2.PartitionFor(key, context.PartitionCount);
        }

        var state = _sticky.GetOrAdd(context.Topic, _ => new StickyState());
        lock (state)
        {
            var available = context.AvailablePartitions;
            var current = state.Partition;
            var stillThere = current >= 0 && current < context.PartitionCount && (available.Count == 0 || available.Contains(current));
            if (!stillThere || state.Bytes >= _stickyBytes)
            {
                state.Partition = Next(current, available.Count > 0 ? available : [.. Enumerable.Range(0, context.PartitionCount)]);
                state.Bytes = 0;
            }

            state.Bytes += context.RecordSize;
            return state.Partition;
        }
    }

    private static int Next(int current, IReadOnlyList<int> candidates)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        while (true)
        {
            var next = candidates[Random.Shared.Next(candidates.Count)];
            if (next != current)
            {
                return next;
            }
        }
    }

    private sealed class StickyState
    {
        public int Partition { get; set; } = -1;

        public long Bytes { get; set; }
    }
}
