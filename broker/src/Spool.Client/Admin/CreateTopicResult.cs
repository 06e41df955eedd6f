using Spool.Protocol;

namespace Spool.Client.Admin;

/// <summary>The outcome of creating one topic; the broker reports the resulting layout and configs (CreateTopics v5+).</summary>
public sealed record CreateTopicResult(
    string Name,
    Uuid TopicId,
    int NumPartitions,
    short ReplicationFactor,
    IReadOnlyList<ConfigEntry> Configs,
    KafkaException? Error) : IAdminResult;
