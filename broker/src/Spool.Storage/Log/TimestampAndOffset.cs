namespace Spool.Storage;

/// <summary>A ListOffsets answer: the record's timestamp (-1 when not applicable), offset and the leader epoch that wrote it (-1 if unknown).</summary>
public readonly record struct TimestampAndOffset(long Timestamp, long Offset, int LeaderEpoch);
