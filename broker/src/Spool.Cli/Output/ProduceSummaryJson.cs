namespace Spool.Cli.Output;

/// <summary><c>spool produce</c>: how many records went where.</summary>
public sealed record ProduceSummaryJson(string Topic, long Records, IReadOnlyList<ProducedPartitionJson> Partitions);
