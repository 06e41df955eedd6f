namespace Spool.Client.Producer;

/// <summary>What a partitioner knows about a record and its topic.</summary>
public readonly record struct PartitionerContext(string Topic, byte[]? Key, int RecordSize, int PartitionCount, IReadOnlyList<int> AvailablePartitions);
