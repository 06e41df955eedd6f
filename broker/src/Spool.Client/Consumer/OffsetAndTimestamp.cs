namespace Spool.Client.Consumer;

/// <summary>The first offset whose record has a timestamp at or after the one asked for.</summary>
public sealed record OffsetAndTimestamp(long Offset, long Timestamp, int? LeaderEpoch);
