namespace Spool.Storage;

/// <summary>A partition in a log dir, as DescribeLogDirs reports it.</summary>
public readonly record struct LogDirPartition(TopicPartition TopicPartition, long Size, long OffsetLag, bool IsFuture);
