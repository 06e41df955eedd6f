using System.Buffers.Binary;
using Spool.Protocol.Records;

namespace Spool.Storage;

internal sealed partial class LogSegment
{
    private const int HeaderScanBytes = 4096;

    /// <summary>
    /// Reads whole batches starting with the one that contains <paramref name="startOffset"/>, up to
    /// <paramref name="maxBytes"/> (or the first batch alone when it is larger and <paramref name="minOneBatch"/>),
    /// stopping before any batch that reaches <paramref name="maxOffsetExclusive"/> and never past <paramref name="size"/>.
    /// One index lookup, a header scan from the indexed position, and one positional read into a pooled buffer.
    /// </summary>
    public SegmentReadStatus Read(
        long startOffset,
        int maxBytes,
        long maxOffsetExclusive,
        bool minOneBatch,
        int size,
        out PooledBuffer? buffer,
        out long firstOffset,
        out long nextOffset)
    {
        buffer = null;
        firstOffset = -1;
        nextOffset = -1;
        using var lease = RentHandle();
        var handle = lease.Handle;
        var position = GetIndexes().Offsets.Lookup(startOffset).Position;
        if (position >= size)
        {
            // An index entry published ahead of the size snapshot: scan from the start instead.
            position = 0;
        }

        Span<byte> scratch = stackalloc byte[HeaderScanBytes];
        int firstSize;
        long firstLast;
        while (true)
        {
            if (position + BatchCheck.PrefixSize > size)
            {
                return SegmentReadStatus.NotInSegment;
            }

            var window = scratch[..(int)Math.Min(scratch.Length, size - position)];
            var read = ReadFully(handle, window, position);
            if (read < BatchCheck.PrefixSize)
            {
                throw new EndOfStreamException($"Segment {LogPath} is shorter than its published size {size}");
            }

            var offset = 0;
            var found = false;
            firstSize = 0;
            firstLast = -1;
            while (offset + BatchCheck.PrefixSize <= read)
            {
                var batchBase = BinaryPrimitives.ReadInt64BigEndian(window[offset..]);
                var batchSize = RecordBatchHeader.LogOverhead + BinaryPrimitives.ReadInt32BigEndian(window[(offset + RecordBatchHeader.BatchLengthOffset)..]);
                var lastOffset = batchBase + BinaryPrimitives.ReadInt32BigEndian(window[(offset + RecordBatchHeader.LastOffsetDeltaOffset)..]);
                if (batchSize < RecordBatchHeader.Size || position + offset + batchSize > size)
                {
                    throw new InvalidDataException($"Segment {LogPath} has an invalid batch at position {position + offset}");
                }

                if (lastOffset >= startOffset)
                {
                    firstOffset = batchBase;
                    firstSize = batchSize;
                    firstLast = lastOffset;
                    found = true;
                    break;
                }

                offset += batchSize;
            }

            position += offset;
            if (found)
            {
                break;
            }
        }

        if (firstLast >= maxOffsetExclusive)
        {
            return SegmentReadStatus.Empty;
        }

        var want = (int)Math.Min(size - position, Math.Max(maxBytes, 0));
        if (firstSize > want)
        {
            if (!minOneBatch)
            {
                return SegmentReadStatus.Empty;
            }

            want = firstSize;
        }

        var result = new PooledBuffer(want);
        try
        {
            var span = result.Array.AsSpan(0, want);
            var got = ReadFully(handle, span, position);
            var end = 0;
            while (end + BatchCheck.PrefixSize <= got)
            {
                var batchBase = BinaryPrimitives.ReadInt64BigEndian(span[end..]);
                var batchSize = RecordBatchHeader.LogOverhead + BinaryPrimitives.ReadInt32BigEndian(span[(end + RecordBatchHeader.BatchLengthOffset)..]);
                var lastOffset = batchBase + BinaryPrimitives.ReadInt32BigEndian(span[(end + RecordBatchHeader.LastOffsetDeltaOffset)..]);
                if (batchSize < RecordBatchHeader.Size || end + batchSize > got || lastOffset >= maxOffsetExclusive)
                {
                    break;
                }

                end += batchSize;
                nextOffset = lastOffset + 1;
            }

            if (end == 0)
            {
                result.Dispose();
                return SegmentReadStatus.Empty;
            }

            result.Length = end;
            buffer = result;
            return SegmentReadStatus.Data;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The first record at or after <paramref name="minOffset"/> whose timestamp is &gt;= <paramref name="target"/>:
    /// the time index gives a batch before which every timestamp is smaller, the offset index its position, and a
    /// scan from there looks into the first batch whose max timestamp reaches the target.
    /// </summary>
    public TimestampAndOffset? FindOffsetByTimestamp(long target, long minOffset, int size)
    {
        var indexes = GetIndexes();
        var fromTime = indexes.Times.Lookup(target);
        var start = indexes.Offsets.Lookup(Math.Max(fromTime.Offset, minOffset)).Position;
        if (start >= size)
        {
            start = 0;
        }

        using var lease = RentHandle();
        using var reader = new SegmentBatchReader(lease.Handle, start, size, ScanChunkSize);
        while (reader.Next(verifyCrc: false) == ScanStatus.Batch)
        {
            var header = reader.Current;
            if (header.LastOffset < minOffset || header.MaxTimestamp < target)
            {
                continue;
            }

            if (RecordTimestamps.TryFindFirst(reader.CurrentBatchMemory(), header, target, minOffset, out var offset, out var timestamp))
            {
                return new TimestampAndOffset(timestamp, offset, header.PartitionLeaderEpoch);
            }
        }

        return null;
    }

    /// <summary>The record holding this segment's max timestamp (ListOffsets -3), or null when it has no timestamps.</summary>
    public TimestampAndOffset? FindMaxTimestampRecord(int size)
    {
        var maxTimestamp = MaxTimestamp;
        var batchOffset = OffsetOfMaxTimestamp;
        if (maxTimestamp < 0 || batchOffset < 0)
        {
            return null;
        }

        var start = GetIndexes().Offsets.Lookup(batchOffset).Position;
        using var lease = RentHandle();
        using var reader = new SegmentBatchReader(lease.Handle, start, size, ScanChunkSize);
        while (reader.Next(verifyCrc: false) == ScanStatus.Batch)
        {
            var header = reader.Current;
            if (header.LastOffset < batchOffset)
            {
                continue;
            }

            if (header.MaxTimestamp != maxTimestamp)
            {
                break;
            }

            return new TimestampAndOffset(maxTimestamp, RecordTimestamps.OffsetOfMaxTimestamp(reader.CurrentBatchMemory(), header), header.PartitionLeaderEpoch);
        }

        return new TimestampAndOffset(maxTimestamp, batchOffset, -1);
    }

    private static int ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long position)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer[total..], position + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
