namespace Spool.Client;

/// <summary>A partition of a topic.</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    /// <summary>Kafka's usual rendering, <c>topic-partition</c>.</summary>
    public override string ToString() => $"{Topic}-{Partition}";
}
