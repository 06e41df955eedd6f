using Spool.Protocol;

namespace Spool.Client.Admin;

/// <summary>A described topic: id, partitions with leaders, replicas and ISR.</summary>
public sealed record TopicDescription(
    string Name,
    Uuid TopicId,
    bool IsInternal,
    IReadOnlyList<TopicPartitionInfo> Partitions,
    KafkaException? Error) : IAdminResult;
