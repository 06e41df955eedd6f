using System.Buffers.Binary;
using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage;

public sealed partial class PartitionLog
{
    /// <summary>
    /// Appends one or more v2 record batches as the leader. The batches are patched in place in
    /// <paramref name="records"/>: base offsets assigned from the log end offset, <paramref name="leaderEpoch"/>
    /// stamped, and LogAppendTime set (CRC recomputed) when the topic uses it. Storage re-checks the structure
    /// (magic 2, lengths, CRC-32C, lastOffsetDelta, record count) and max.message.bytes itself; on any error
    /// nothing is appended. <paramref name="crcVerified"/> skips the CRC-32C check only, for a caller that has just
    /// verified it over these very bytes (the produce path validates every batch first); every other path checks it.
    /// Batches of idempotent producers are checked against the producer state (epoch fencing, sequence order); a
    /// retry of one of a producer's last five batches appends nothing and answers with the original offsets.
    /// </summary>
    public LogAppendResult AppendAsLeader(Span<byte> records, int leaderEpoch, bool crcVerified = false)
    {
        var config = Config;
        var batches = 0;
        long recordCount = 0;
        for (var position = 0; position < records.Length; batches++)
        {
            var error = BatchCheck.Check(records[position..], out var header, out var size, out var message, verifyCrc: !crcVerified);
            if (error != ErrorCode.None)
            {
                return LogAppendResult.Failed(error, $"Batch {batches}: {message}", LogStartOffset);
            }

            if (size > config.MaxMessageBytes)
            {
                return LogAppendResult.Failed(
                    ErrorCode.MessageTooLarge,
                    $"The record batch is {size} bytes, larger than the maximum allowed by max.message.bytes ({config.MaxMessageBytes})",
                    LogStartOffset);
            }

            if (header.RecordCount != header.LastOffsetDelta + 1)
            {
                return LogAppendResult.Failed(
                    ErrorCode.InvalidRecord,
                    $"Batch {batches}: record count {header.RecordCount} does not match lastOffsetDelta {header.LastOffsetDelta}",
                    LogStartOffset);
            }

            recordCount += header.RecordCount;
            position += size;
        }

        if (batches == 0)
        {
            return new LogAppendResult(ErrorCode.None, -1, -1, -1, LogStartOffset);
        }

        if (records.Length > config.SegmentBytes)
        {
            return LogAppendResult.Failed(
                ErrorCode.RecordListTooLarge,
                $"Message batch size is {records.Length} bytes in append to partition {TopicPartition} which exceeds the maximum configured segment size of {config.SegmentBytes}",
                LogStartOffset);
        }

        var logAppendTime = config.MessageTimestampType == TimestampType.LogAppendTime;
        long firstOffset, nextOffset, now;
        bool flush;
        lock (_lock)
        {
            if (_closed || _failed)
            {
                return LogAppendResult.Failed(ErrorCode.KafkaStorageError, $"The log of {TopicPartition} is not available", _logStartOffset);
            }

            now = NowMs();
            firstOffset = _logEndOffset;
            var staged = CheckProducersLocked(records, firstOffset, logAppendTime ? now : -1, out var duplicate, out var producerError);
            if (duplicate is { } retried)
            {
                return DuplicateResult(retried, logAppendTime);
            }

            if (producerError is { } failed)
            {
                return failed;
            }

            nextOffset = firstOffset;
            var maxTimestamp = -1L;
            for (var position = 0; position < records.Length;)
            {
                var batch = records[position..];
                var size = RecordBatchHeader.LogOverhead + BinaryPrimitives.ReadInt32BigEndian(batch[RecordBatchHeader.BatchLengthOffset..]);
                RecordBatchHeader.SetBaseOffset(batch, nextOffset);
                RecordBatchHeader.SetPartitionLeaderEpoch(batch, leaderEpoch);
                if (logAppendTime)
                {
                    RecordBatchHeader.SetLogAppendTime(batch[..size], now);
                }

                maxTimestamp = Math.Max(maxTimestamp, BinaryPrimitives.ReadInt64BigEndian(batch[RecordBatchHeader.MaxTimestampOffset..]));
                nextOffset += BinaryPrimitives.ReadInt32BigEndian(batch[RecordBatchHeader.LastOffsetDeltaOffset..]) + 1L;
                position += size;
            }

            var error = WriteLocked(records, firstOffset, nextOffset, maxTimestamp, now, config);
            if (error is not null)
            {
                return LogAppendResult.Failed(ErrorCode.KafkaStorageError, error, _logStartOffset);
            }

            if (staged is not null)
            {
                _producers.Commit(staged);
            }

            if (leaderEpoch >= 0 && leaderEpoch > (_epochs.LatestEpoch ?? -1))
            {
                _epochs.Assign(leaderEpoch, firstOffset);
            }

            _unflushedMessages += recordCount;
            flush = _unflushedMessages >= config.FlushMessages;
        }

        if (flush)
        {
            Flush();
        }

        Appended?.Invoke(this);
        return new LogAppendResult(ErrorCode.None, firstOffset, nextOffset - 1, logAppendTime ? now : -1, LogStartOffset);
    }

    /// <summary>
    /// Appends batches fetched from the leader as they are (offsets and epochs kept). They must start at or after
    /// the log end offset with increasing offsets; structure and CRC are checked as for the leader.
    /// </summary>
    public LogAppendResult AppendAsFollower(ReadOnlySpan<byte> records)
    {
        var config = Config;
        var previousLast = long.MinValue;
        var batches = 0;
        long recordCount = 0;
        for (var position = 0; position < records.Length; batches++)
        {
            var error = BatchCheck.Check(records[position..], out var header, out var size, out var message);
            if (error != ErrorCode.None)
            {
                return LogAppendResult.Failed(error, $"Batch {batches}: {message}", LogStartOffset);
            }

            if (header.BaseOffset <= previousLast || header.BaseOffset < 0)
            {
                return LogAppendResult.Failed(ErrorCode.CorruptMessage, $"Batch {batches}: offsets are not increasing ({header.BaseOffset} after {previousLast})", LogStartOffset);
            }

            previousLast = header.LastOffset;
            recordCount += header.LastOffsetDelta + 1;
            position += size;
        }

        if (batches == 0)
        {
            return new LogAppendResult(ErrorCode.None, -1, -1, -1, LogStartOffset);
        }

        long firstOffset, lastOffset;
        bool flush;
        lock (_lock)
        {
            if (_closed || _failed)
            {
                return LogAppendResult.Failed(ErrorCode.KafkaStorageError, $"The log of {TopicPartition} is not available", _logStartOffset);
            }

            firstOffset = BinaryPrimitives.ReadInt64BigEndian(records);
            if (firstOffset < _logEndOffset)
            {
                return LogAppendResult.Failed(
                    ErrorCode.OffsetOutOfRange,
                    $"Unexpected offset in append to {TopicPartition}: first offset {firstOffset} is below the log end offset {_logEndOffset}",
                    _logStartOffset);
            }

            var now = NowMs();
            lastOffset = -1;
            for (var position = 0; position < records.Length;)
            {
                RecordBatchHeader.TryRead(records[position..], out var header);
                var size = header.TotalSize;
                var error = WriteLocked(records.Slice(position, size), header.BaseOffset, header.NextOffset, header.MaxTimestamp, now, config);
                if (error is not null)
                {
                    return LogAppendResult.Failed(ErrorCode.KafkaStorageError, error, _logStartOffset);
                }

                _epochs.Assign(header.PartitionLeaderEpoch, header.BaseOffset);
                _producers.Replay(header);
                lastOffset = header.LastOffset;
                position += size;
            }

            _unflushedMessages += recordCount;
            flush = _unflushedMessages >= config.FlushMessages;
        }

        if (flush)
        {
            Flush();
        }

        Appended?.Invoke(this);
        return new LogAppendResult(ErrorCode.None, firstOffset, lastOffset, -1, LogStartOffset);
    }

    /// <summary>Rolls a new segment at the log end offset now (no-op when the active segment is empty).</summary>
    public void Roll()
    {
        lock (_lock)
        {
            ThrowIfClosed();
            if (_segments[^1].Size > 0)
            {
                RollLocked(_logEndOffset);
            }
        }
    }

    /// <summary>
    /// Writes whole batches (already stamped) at the end of the active segment, rolling first when needed, then
    /// updates the indexes and publishes the new size and log end offset. Returns an error message on I/O failure.
    /// </summary>
    private string? WriteLocked(ReadOnlySpan<byte> batches, long firstOffset, long nextOffset, long maxTimestamp, long now, LogConfig config)
    {
        var active = _segments[^1];
        try
        {
            if (active.ShouldRoll(batches.Length, maxTimestamp, nextOffset - 1, now, config) || firstOffset - active.BaseOffset > int.MaxValue)
            {
                active = RollLocked(firstOffset);
            }
        }
        catch (IOException e)
        {
            _failed = true;
            return $"Could not roll a new segment: {e.Message}";
        }

        var start = active.Size;
        try
        {
            active.Write(batches);
        }
        catch (IOException e)
        {
            active.DiscardUnpublished();
            return $"Could not write to {active.LogPath}: {e.Message}";
        }

        for (var position = 0; position < batches.Length;)
        {
            var batch = batches[position..];
            var size = RecordBatchHeader.LogOverhead + BinaryPrimitives.ReadInt32BigEndian(batch[RecordBatchHeader.BatchLengthOffset..]);
            active.TrackBatch(
                BinaryPrimitives.ReadInt64BigEndian(batch),
                start + position,
                BinaryPrimitives.ReadInt64BigEndian(batch[RecordBatchHeader.MaxTimestampOffset..]),
                size);
            position += size;
        }

        active.PublishSize(start + batches.Length);
        Volatile.Write(ref _logEndOffset, nextOffset);
        return null;
    }

    /// <summary>Makes a new active segment at <paramref name="baseOffset"/>; the old one is fsynced in the background.</summary>
    private LogSegment RollLocked(long baseOffset)
    {
        var config = _config;
        var segments = _segments;
        var old = segments[^1];
        if (old.BaseOffset == baseOffset && old.Size == 0)
        {
            return old;
        }

        LogSegment[] updated;
        if (old.Size == 0)
        {
            // An empty active segment below a follower's offset gap is replaced rather than kept.
            old.Close();
            old.DeleteFiles();
            updated = segments[..^1];
        }
        else
        {
            old.Deactivate();
            old.UpperBoundOffset = baseOffset;
            updated = segments;
        }

        var created = LogSegment.CreateActive(Directory, baseOffset, _resources, NowMs(), config, Jitter(config));
        Volatile.Write(ref _segments, [.. updated, created]);
        if (old.Size > 0)
        {
            // As Kafka, a snapshot of the producer state at every roll bounds the replay after a crash to the active
            // segment; it is written now (small) and forced to disk with the rolled segment.
            TakeProducerSnapshotLocked(baseOffset, fsync: false);

            // Kafka flushes a rolled segment asynchronously and then moves the recovery point to the new segment.
            _backgroundFlush = _backgroundFlush.ContinueWith(
                _ =>
                {
                    FlushUpTo(baseOffset);
                    ProducerSnapshotFile.Sync(ProducerSnapshotFile.PathFor(Directory, baseOffset));
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }

        return created;
    }
}
