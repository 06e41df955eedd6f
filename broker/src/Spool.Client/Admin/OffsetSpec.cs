namespace Spool.Client.Admin;

/// <summary>
/// Which offset to look up: the earliest, the latest, the one with the largest timestamp, or the first whose
/// timestamp is at or after a time. Encoded as ListOffsets' timestamp field.
/// </summary>
public readonly record struct OffsetSpec(long Timestamp)
{
    public static OffsetSpec Earliest => new(-2);

    public static OffsetSpec Latest => new(-1);

    /// <summary>The record with the highest timestamp (ListOffsets v7+, KIP-734).</summary>
    public static OffsetSpec MaxTimestamp => new(-3);

    /// <summary>The first record whose timestamp (epoch milliseconds) is at or after <paramref name="timestampMs"/>.</summary>
    public static OffsetSpec ForTimestamp(long timestampMs) => new(timestampMs >= 0 ? timestampMs : throw new ArgumentOutOfRangeException(nameof(timestampMs)));

    public static OffsetSpec ForTimestamp(DateTimeOffset time) => ForTimestamp(time.ToUnixTimeMilliseconds());
}
