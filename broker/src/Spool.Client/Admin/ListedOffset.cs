namespace Spool.Client.Admin;

/// <summary>
/// A looked-up offset. For a timestamp with no record at or after it, <see cref="Offset"/> is -1 (Kafka's
/// answer); <see cref="Timestamp"/> is -1 for earliest/latest.
/// </summary>
public sealed record ListedOffset(TopicPartition TopicPartition, long Offset, long Timestamp, int? LeaderEpoch, KafkaException? Error) : IAdminResult;
