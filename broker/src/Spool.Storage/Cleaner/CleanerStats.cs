namespace Spool.Storage;

/// <summary>What one cleaning of one log did.</summary>
public sealed record CleanerStats(
    TopicPartition TopicPartition,
    long FirstDirtyOffset,
    long EndOffset,
    int SegmentsRead,
    int SegmentsWritten,
    long BytesRead,
    long BytesWritten,
    long RecordsRead,
    long RecordsRemoved);
