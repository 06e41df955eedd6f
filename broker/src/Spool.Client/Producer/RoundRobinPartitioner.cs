using System.Collections.Concurrent;

namespace Spool.Client.Producer;

/// <summary>Java's <c>RoundRobinPartitioner</c>: every record (keyed or not) goes to the next available partition.</summary>
public sealed class RoundRobinPartitioner : IPartitioner
{
    private readonly ConcurrentDictionary<string, StrongBox> _counters = new(StringComparer.Ordinal);

    public int Partition(in PartitionerContext context)
    {
        var next = Interlocked.Increment(ref _counters.GetOrAdd(context.Topic, _ => new StrongBox()).Value) & 0x7fffffff;
        return context.AvailablePartitions.Count > 0
            ? context.AvailablePartitions[next % context.AvailablePartitions.Count]
            : next % context.PartitionCount;
    }

    private sealed class StrongBox
    {
        // A field, not a property: Interlocked needs a reference to it.
        public int Value;
    }
}
