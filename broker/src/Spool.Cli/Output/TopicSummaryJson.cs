namespace Spool.Cli.Output;

/// <summary>One row of <c>spool topics list</c>.</summary>
public sealed record TopicSummaryJson(string Name, string TopicId, int Partitions, int ReplicationFactor, bool Internal);
