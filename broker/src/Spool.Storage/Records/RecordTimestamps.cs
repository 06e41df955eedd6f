using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// Record-level timestamp search inside one batch (ListOffsets by timestamp and max timestamp), through the
/// shared <see cref="RecordBatch"/> reader and its codecs.
/// </summary>
internal static class RecordTimestamps
{
    /// <summary>
    /// Finds the first record with timestamp &gt;= <paramref name="target"/> and offset &gt;= <paramref name="minOffset"/>.
    /// A batch whose records cannot be read (malformed, or a codec the machine lacks) answers with its first eligible
    /// offset and its max timestamp, which is never later than the exact answer.
    /// </summary>
    public static bool TryFindFirst(ReadOnlyMemory<byte> batch, in RecordBatchHeader header, long target, long minOffset, out long offset, out long timestamp)
    {
        offset = -1;
        timestamp = -1;
        if (header.MaxTimestamp < target || header.LastOffset < minOffset)
        {
            return false;
        }

        if (header.TimestampType == TimestampType.LogAppendTime)
        {
            offset = Math.Max(header.BaseOffset, minOffset);
            timestamp = header.MaxTimestamp;
            return true;
        }

        try
        {
            foreach (var record in new RecordBatch(header, batch).Records())
            {
                if (record.Offset >= minOffset && record.Timestamp >= target)
                {
                    offset = record.Offset;
                    timestamp = record.Timestamp;
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is RecordFormatException or NotSupportedException or DllNotFoundException)
        {
            offset = Math.Max(header.BaseOffset, minOffset);
            timestamp = header.MaxTimestamp;
            return true;
        }
    }

    /// <summary>The offset of the first record carrying the batch's max timestamp (the batch's base offset when unreadable).</summary>
    public static long OffsetOfMaxTimestamp(ReadOnlyMemory<byte> batch, in RecordBatchHeader header)
    {
        if (header.TimestampType == TimestampType.LogAppendTime)
        {
            return header.BaseOffset;
        }

        try
        {
            foreach (var record in new RecordBatch(header, batch).Records())
            {
                if (record.Timestamp == header.MaxTimestamp)
                {
                    return record.Offset;
                }
            }
        }
        catch (Exception e) when (e is RecordFormatException or NotSupportedException or DllNotFoundException)
        {
        }

        return header.BaseOffset;
    }
}
