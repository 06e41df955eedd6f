using Spool.Protocol;

namespace Spool.Broker.Metadata;

/// <summary>A topic: name, id, partitions and its explicitly set configs (overrides of the broker defaults).</summary>
public sealed record TopicImage(
    string Name,
    Uuid Id,
    IReadOnlyList<PartitionImage> Partitions,
    IReadOnlyDictionary<string, string> Configs)
{
    /// <summary>Kafka's internal topics (not listed as user topics, flagged IsInternal in Metadata).</summary>
    public bool IsInternal => Name is "__consumer_offsets" or "__transaction_state";
}
