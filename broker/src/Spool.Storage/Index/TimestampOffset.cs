namespace Spool.Storage;

/// <summary>A time index entry: the largest timestamp so far and the base offset of the batch that reached it.</summary>
internal readonly record struct TimestampOffset(long Timestamp, long Offset);
