namespace Spool.Client.Admin;

/// <summary>The outcome of a per-partition change (altering or deleting a group's offsets).</summary>
public sealed record PartitionResult(TopicPartition TopicPartition, KafkaException? Error) : IAdminResult;
