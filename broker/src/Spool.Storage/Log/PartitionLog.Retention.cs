using Spool.Protocol;

namespace Spool.Storage;

public sealed partial class PartitionLog
{
    /// <summary>
    /// Retention (cleanup.policy=delete): deletes whole segments, oldest first, whose largest timestamp is older than
    /// retention.ms, then while the log exceeds retention.bytes, then those wholly below the log start offset. Only
    /// segments entirely below the high watermark go; the active one too when it qualifies (a new empty segment is
    /// rolled first, so the log end offset is kept). Returns the number of segments deleted.
    /// </summary>
    public int DeleteOldSegments()
    {
        var config = Config;
        var now = NowMs();
        var deleted = 0;
        lock (_lock)
        {
            if (_closed || _failed)
            {
                return 0;
            }

            if (config.CleanupPolicy.HasFlag(CleanupPolicy.Delete))
            {
                if (config.RetentionMs >= 0)
                {
                    deleted += DeleteSegmentsWhileLocked((segment, _) => now - LargestTimestamp(segment) > config.RetentionMs, config);
                }

                if (config.RetentionBytes >= 0)
                {
                    var excess = Size - config.RetentionBytes;
                    deleted += DeleteSegmentsWhileLocked(
                        (segment, _) =>
                        {
                            if (excess - segment.Size < 0)
                            {
                                return false;
                            }

                            excess -= segment.Size;
                            return true;
                        },
                        config);
                }
            }

            var logStart = _logStartOffset;
            deleted += DeleteSegmentsWhileLocked((_, next) => next is not null && next.BaseOffset <= logStart, config);
            DeletePendingLocked(now);
        }

        return deleted;
    }

    /// <summary>
    /// DeleteRecords: moves the log start offset to <paramref name="offset"/> (-1 means the high watermark) and
    /// deletes segments wholly below it. Refused above the high watermark, as Kafka does.
    /// </summary>
    public DeleteRecordsResult DeleteRecordsBefore(long offset)
    {
        bool moved;
        long logStart;
        lock (_lock)
        {
            if (_closed || _failed)
            {
                return new DeleteRecordsResult(ErrorCode.KafkaStorageError, -1, $"The log of {TopicPartition} is not available");
            }

            if (offset == -1)
            {
                offset = _highWatermark;
            }

            if (offset < 0 || offset > _highWatermark)
            {
                return new DeleteRecordsResult(
                    ErrorCode.OffsetOutOfRange,
                    -1,
                    $"Cannot increment the log start offset to {offset} of partition {TopicPartition} since it is larger than the high watermark {_highWatermark}");
            }

            moved = offset > _logStartOffset;
            if (moved)
            {
                Volatile.Write(ref _logStartOffset, offset);
                _epochs.TruncateFromStart(offset);
                OnLogStartMovedLocked();
                var config = Config;
                DeleteSegmentsWhileLocked((_, next) => next is not null && next.BaseOffset <= offset, config);
                DeletePendingLocked(NowMs());
            }

            logStart = _logStartOffset;
        }

        if (moved)
        {
            RaiseLogStartOffsetChanged();
        }

        return new DeleteRecordsResult(ErrorCode.None, logStart);
    }

    /// <summary>Physically removes segment files whose <c>file.delete.delay.ms</c> has passed.</summary>
    public void DeletePendingSegments()
    {
        lock (_lock)
        {
            DeletePendingLocked(NowMs());
        }
    }

    /// <summary>Kafka's retention timestamp: the largest record timestamp, or the file's modification time when there is none.</summary>
    private static long LargestTimestamp(LogSegment segment)
    {
        var max = segment.MaxTimestamp;
        return max >= 0 ? max : new DateTimeOffset(File.GetLastWriteTimeUtc(segment.LogPath)).ToUnixTimeMilliseconds();
    }

    /// <summary>Deletes segments from the oldest while <paramref name="predicate"/>(segment, next) holds (Kafka's deletableSegments).</summary>
    private int DeleteSegmentsWhileLocked(Func<LogSegment, LogSegment?, bool> predicate, LogConfig config)
    {
        var segments = _segments;
        var count = 0;
        while (count < segments.Length)
        {
            var segment = segments[count];
            var next = count + 1 < segments.Length ? segments[count + 1] : null;
            var upperBound = next?.BaseOffset ?? _logEndOffset;
            var isLastAndEmpty = next is null && segment.Size == 0;
            if (_highWatermark < upperBound || isLastAndEmpty || !predicate(segment, next))
            {
                break;
            }

            count++;
        }

        if (count == 0)
        {
            return 0;
        }

        if (count == segments.Length)
        {
            // There must always be an active segment: roll an empty one at the log end offset first.
            RollLocked(_logEndOffset);
            segments = _segments;
        }

        var doomed = segments[..count];
        Volatile.Write(ref _segments, segments[count..]);
        var newStart = Math.Max(_logStartOffset, _segments[0].BaseOffset);
        if (newStart > _logStartOffset)
        {
            Volatile.Write(ref _logStartOffset, newStart);
            _epochs.TruncateFromStart(newStart);
            OnLogStartMovedLocked();
        }

        var due = NowMs() + config.FileDeleteDelayMs;
        foreach (var segment in doomed)
        {
            try
            {
                segment.MarkDeleted();
                _pendingDeletes.Add((segment, due));
            }
            catch (IOException e)
            {
                Warn($"Could not rename segment {segment.BaseOffset} for deletion: {e.Message}");
            }
        }

        return count;
    }

    private void DeletePendingLocked(long now)
    {
        for (var i = _pendingDeletes.Count - 1; i >= 0; i--)
        {
            var (segment, due) = _pendingDeletes[i];
            if (due > now)
            {
                continue;
            }

            try
            {
                segment.DeleteFiles();
                _pendingDeletes.RemoveAt(i);
            }
            catch (IOException e)
            {
                Warn($"Could not delete segment {segment.BaseOffset}: {e.Message}");
            }
        }
    }
}
