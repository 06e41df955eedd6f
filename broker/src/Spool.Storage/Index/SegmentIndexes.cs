namespace Spool.Storage;

/// <summary>The offset and time index of one segment, loaded or built together.</summary>
internal sealed class SegmentIndexes(OffsetIndex offsets, TimeIndex times)
{
    public OffsetIndex Offsets { get; } = offsets;

    public TimeIndex Times { get; } = times;

    /// <summary>Approximate memory held, for the index cache's accounting.</summary>
    public long ApproximateBytes => (Offsets.Count * 8L) + (Times.Count * 16L);
}
