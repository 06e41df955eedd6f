namespace Spool.Client.Producer;

/// <summary>
/// Where a produced record landed. With acks=0 the offset is unknown (-1). The timestamp is the broker's when
/// the topic uses LogAppendTime, the record's otherwise.
/// </summary>
public sealed record RecordMetadata(string Topic, int Partition, long Offset, long Timestamp)
{
    public TopicPartition TopicPartition => new(Topic, Partition);
}
