using System.Collections;

namespace Spool.Client.Consumer;

/// <summary>The records one poll returned, in fetch order (per partition in offset order).</summary>
public sealed class ConsumerRecords : IReadOnlyList<ConsumerRecord>
{
    private readonly List<ConsumerRecord> _records;

    internal ConsumerRecords(List<ConsumerRecord> records)
    {
        _records = records;
    }

    public static ConsumerRecords Empty { get; } = new([]);

    public int Count => _records.Count;

    public bool IsEmpty => _records.Count == 0;

    public IEnumerable<TopicPartition> Partitions => _records.Select(r => r.TopicPartition).Distinct();

    public ConsumerRecord this[int index] => _records[index];

    public IEnumerable<ConsumerRecord> Records(TopicPartition partition) => _records.Where(r => r.TopicPartition == partition);

    public IEnumerator<ConsumerRecord> GetEnumerator() => _records.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
