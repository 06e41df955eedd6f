using Spool.Cli.Output;
using Spool.Client.Producer;

namespace Spool.Cli.Commands.Produce;

/// <summary>Counts delivered records per partition with their first and last offsets, for the summary.</summary>
internal sealed class ProduceTally
{
    private readonly SortedDictionary<int, (long Records, long First, long Last)> _partitions = [];

    public long Records { get; private set; }

    public void Add(RecordMetadata delivered)
    {
        Records++;
        _partitions[delivered.Partition] = _partitions.TryGetValue(delivered.Partition, out var p)
            ? (p.Records + 1, Min(p.First, delivered.Offset), Math.Max(p.Last, delivered.Offset))
            : (1, delivered.Offset, delivered.Offset);
    }

    public ProduceSummaryJson Summary(string topic) =>
        new(topic, Records, [.. _partitions.Select(p => new ProducedPartitionJson(p.Key, p.Value.Records, p.Value.First, p.Value.Last))]);

    /// <summary>The smaller known offset: acks=0 reports -1, which must not hide real offsets.</summary>
    private static long Min(long a, long b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);
}
