namespace Spool.Client.Admin;

/// <summary>The outcome of increasing one topic's partitions.</summary>
public sealed record CreatePartitionsResult(string Topic, KafkaException? Error) : IAdminResult;
