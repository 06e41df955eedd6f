using System.Text;
using Spool.Protocol.Records;

namespace Spool.Client.Consumer;

/// <summary>
/// A consumed record. Key and value are null for records without them (distinct from empty) and are slices of
/// the fetched data, not copies.
/// </summary>
public sealed record ConsumerRecord(
    string Topic,
    int Partition,
    long Offset,
    long Timestamp,
    TimestampType TimestampType,
    ReadOnlyMemory<byte>? Key,
    ReadOnlyMemory<byte>? Value,
    IReadOnlyList<RecordHeader> Headers,
    int? LeaderEpoch)
{
    public TopicPartition TopicPartition => new(Topic, Partition);

    public string? KeyAsString() => Key is { } key ? Encoding.UTF8.GetString(key.Span) : null;

    public string? ValueAsString() => Value is { } value ? Encoding.UTF8.GetString(value.Span) : null;
}
