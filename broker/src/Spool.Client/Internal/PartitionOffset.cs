namespace Spool.Client.Internal;

/// <summary>One partition's ListOffsets answer.</summary>
internal readonly record struct PartitionOffset(long Offset, long Timestamp, int LeaderEpoch);
