using Spool.Protocol;

namespace Spool.Storage;

public sealed partial class PartitionLog
{
    private const int ReadAttempts = 5;

    /// <summary>
    /// Reads whole batches, starting with the batch that contains <paramref name="startOffset"/> (so the first batch
    /// may begin before it), at most <paramref name="maxBytes"/> of them, or the first batch alone when it is larger
    /// and <paramref name="minOneBatch"/> (KIP-74); never a batch that reaches <paramref name="maxOffsetExclusive"/>
    /// (the high watermark for consumers). Like Kafka, a read returns data from one segment; the next read continues.
    /// <see cref="ErrorCode.OffsetOutOfRange"/> below the log start offset or above the log end offset.
    /// The caller owns the result and must dispose it.
    /// </summary>
    public LogReadResult Read(long startOffset, int maxBytes, long maxOffsetExclusive = long.MaxValue, bool minOneBatch = true)
    {
        var spin = default(SpinWait);
        for (var attempt = 0; ; attempt++)
        {
            var generation = Volatile.Read(ref _generation);
            if ((generation & 1) != 0)
            {
                spin.SpinOnce();
                continue;
            }

            var logEndOffset = LogEndOffset;
            var logStartOffset = LogStartOffset;
            var highWatermark = HighWatermark;
            if (startOffset < logStartOffset || startOffset > logEndOffset)
            {
                return new LogReadResult(ErrorCode.OffsetOutOfRange, logStartOffset, highWatermark, logEndOffset);
            }

            var limit = Math.Min(maxOffsetExclusive, logEndOffset);
            if (startOffset >= limit || (maxBytes <= 0 && !minOneBatch))
            {
                return new LogReadResult(ErrorCode.None, logStartOffset, highWatermark, logEndOffset);
            }

            var segments = Volatile.Read(ref _segments);
            try
            {
                for (var i = Math.Max(0, FloorSegment(segments, startOffset)); i < segments.Length; i++)
                {
                    var segment = segments[i];
                    if (segment.BaseOffset >= limit)
                    {
                        break;
                    }

                    var status = segment.Read(startOffset, maxBytes, limit, minOneBatch, segment.Size, out var buffer, out var first, out var next);
                    if (status == SegmentReadStatus.NotInSegment)
                    {
                        continue;
                    }

                    if (Volatile.Read(ref _generation) != generation)
                    {
                        buffer?.Dispose();
                        break;
                    }

                    return status == SegmentReadStatus.Data
                        ? new LogReadResult(buffer!, buffer!.Length, first, next, logStartOffset, highWatermark, logEndOffset)
                        : new LogReadResult(ErrorCode.None, logStartOffset, highWatermark, logEndOffset);
                }

                if (Volatile.Read(ref _generation) == generation)
                {
                    return new LogReadResult(ErrorCode.None, logStartOffset, highWatermark, logEndOffset);
                }
            }
            catch (Exception e) when (attempt < ReadAttempts && e is IOException or ObjectDisposedException or InvalidDataException or UnauthorizedAccessException)
            {
                // A segment deleted by retention or cut by truncation under the read: look again.
            }
        }
    }

    /// <summary>
    /// ListOffsets: for a timestamp &gt;= 0 the first record whose timestamp is &gt;= it (null when none); for the
    /// special values (<see cref="ListOffsetsTimestamps"/>) earliest (-2, -4), latest (-1: the log end offset; the
    /// broker caps it to the high watermark for consumers) and max timestamp (-3). Null for latest-tiered (-5).
    /// </summary>
    public TimestampAndOffset? FetchOffsetByTimestamp(long timestamp)
    {
        switch (timestamp)
        {
            case ListOffsetsTimestamps.Earliest:
            case ListOffsetsTimestamps.EarliestLocal:
                var start = LogStartOffset;
                return new TimestampAndOffset(-1, start, _epochs.EpochForOffset(start));
            case ListOffsetsTimestamps.Latest:
                return new TimestampAndOffset(-1, LogEndOffset, _epochs.LatestEpoch ?? -1);
            case ListOffsetsTimestamps.MaxTimestamp:
                return MaxTimestampRecord();
            case < 0:
                return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var logStartOffset = LogStartOffset;
                foreach (var segment in Volatile.Read(ref _segments))
                {
                    if (segment.MaxTimestamp < timestamp)
                    {
                        continue;
                    }

                    var found = segment.FindOffsetByTimestamp(timestamp, logStartOffset, segment.Size);
                    if (found is not null)
                    {
                        return found;
                    }
                }

                return null;
            }
            catch (Exception e) when (attempt < ReadAttempts && e is IOException or ObjectDisposedException or InvalidDataException)
            {
            }
        }
    }

    /// <summary>The record with the largest timestamp (ListOffsets -3; the earliest such record on ties), or null when the log has none.</summary>
    public TimestampAndOffset? MaxTimestampRecord()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                LogSegment? best = null;
                var bestTimestamp = -1L;
                foreach (var segment in Volatile.Read(ref _segments))
                {
                    var max = segment.MaxTimestamp;
                    if (max > bestTimestamp)
                    {
                        best = segment;
                        bestTimestamp = max;
                    }
                }

                return best?.FindMaxTimestampRecord(best.Size);
            }
            catch (Exception e) when (attempt < ReadAttempts && e is IOException or ObjectDisposedException or InvalidDataException)
            {
            }
        }
    }
}
