namespace Spool.Cli.Output;

/// <summary><c>spool cluster info</c>. Topic counts exclude internal topics, which are counted separately.</summary>
public sealed record ClusterInfoJson(
    string? ClusterId,
    BrokerJson? Controller,
    IReadOnlyList<BrokerJson> Brokers,
    int Topics,
    int InternalTopics,
    int Partitions);
