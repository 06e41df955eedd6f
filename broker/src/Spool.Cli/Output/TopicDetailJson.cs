namespace Spool.Cli.Output;

/// <summary>
/// <c>spool topics describe</c>: the topic's layout and the configs that differ from the defaults (topic
/// overrides and broker-level settings), as kafka-topics.sh --describe shows them.
/// </summary>
public sealed record TopicDetailJson(
    string Name,
    string TopicId,
    bool Internal,
    int PartitionCount,
    int ReplicationFactor,
    IReadOnlyDictionary<string, string?> Configs,
    IReadOnlyList<PartitionJson> Partitions);
