using Microsoft.Win32.SafeHandles;

namespace Spool.Storage;

/// <summary>
/// What only the active (last) segment has: its writable file handle and its indexes held in memory, plus the
/// running state that decides where the next index entries go. Also used to build indexes during recovery.
/// </summary>
internal sealed class ActiveSegmentState
{
    public ActiveSegmentState(long baseOffset)
    {
        Indexes = new SegmentIndexes(new OffsetIndex(baseOffset), new TimeIndex(baseOffset));
    }

    public SegmentIndexes Indexes { get; set; }

    public SafeFileHandle? WriteHandle { get; set; }

    public long MaxTimestamp { get; private set; } = -1;

    /// <summary>Base offset of the batch in which <see cref="MaxTimestamp"/> was first reached.</summary>
    public long OffsetOfMaxTimestamp { get; private set; } = -1;

    public int BytesSinceLastIndexEntry { get; set; }

    /// <summary>The first batch's max timestamp (Kafka rolls by segment.ms relative to it), -1 if none.</summary>
    public long RollingBasedTimestamp { get; set; } = -1;

    /// <summary>Kafka's LogSegment.append bookkeeping for one batch at <paramref name="position"/>.</summary>
    public void Track(long baseOffset, int position, long batchMaxTimestamp, int size, int indexIntervalBytes)
    {
        if (position == 0)
        {
            RollingBasedTimestamp = batchMaxTimestamp;
        }

        if (batchMaxTimestamp > MaxTimestamp)
        {
            MaxTimestamp = batchMaxTimestamp;
            OffsetOfMaxTimestamp = baseOffset;
        }

        if (BytesSinceLastIndexEntry > indexIntervalBytes)
        {
            Indexes.Offsets.Append(baseOffset, position);
            Indexes.Times.MaybeAppend(MaxTimestamp, OffsetOfMaxTimestamp);
            BytesSinceLastIndexEntry = 0;
        }

        BytesSinceLastIndexEntry += size;
    }

    /// <summary>Seeds the running maximum from an index loaded from disk.</summary>
    public void SeedMaxTimestamp(long timestamp, long offset)
    {
        if (timestamp > MaxTimestamp)
        {
            MaxTimestamp = timestamp;
            OffsetOfMaxTimestamp = offset;
        }
    }

    /// <summary>Adds the final time index entry, as Kafka does when a segment stops being active.</summary>
    public void SealTimeIndex() => Indexes.Times.MaybeAppend(MaxTimestamp, OffsetOfMaxTimestamp);
}
