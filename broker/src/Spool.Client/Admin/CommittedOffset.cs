namespace Spool.Client.Admin;

/// <summary>A group's committed offset for a partition; <see cref="Offset"/> is -1 when nothing is committed.</summary>
public sealed record CommittedOffset(TopicPartition TopicPartition, long Offset, int? LeaderEpoch, string? Metadata, KafkaException? Error) : IAdminResult;
