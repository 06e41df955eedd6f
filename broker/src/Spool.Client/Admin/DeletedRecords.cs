namespace Spool.Client.Admin;

/// <summary>The outcome of deleting records of one partition: its new log start offset.</summary>
public sealed record DeletedRecords(TopicPartition TopicPartition, long LowWatermark, KafkaException? Error) : IAdminResult;
