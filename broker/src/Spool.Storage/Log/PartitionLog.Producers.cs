using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage;

public sealed partial class PartitionLog
{
    private readonly ProducerStateManager _producers = new();

    /// <summary>Producers with state in this partition (DescribeProducers), ordered by producer id.</summary>
    public IReadOnlyList<ProducerStateInfo> ActiveProducers
    {
        get
        {
            lock (_lock)
            {
                return _producers.Entries
                    .OrderBy(e => e.ProducerId)
                    .Select(e => new ProducerStateInfo(e.ProducerId, e.Epoch, e.LastSequence, e.LastTimestamp, e.LastOffset))
                    .ToList();
            }
        }
    }

    /// <summary>Forgets producers idle for producer.id.expiration.ms (the expiration scheduler calls it); returns how many.</summary>
    public int RemoveExpiredProducers()
    {
        lock (_lock)
        {
            return _closed ? 0 : _producers.RemoveExpired(NowMs(), _producerIdExpirationMs);
        }
    }

    /// <summary>Producer id to the last offset of its last batch, for compaction (those batches keep the producers' sequences).</summary>
    internal Dictionary<long, long> ProducerLastOffsets()
    {
        lock (_lock)
        {
            return _producers.LastOffsets();
        }
    }

    /// <summary>
    /// Rebuilds the producer state after the log was loaded or truncated: loads the latest readable snapshot at or
    /// below the log end offset (later ones are stale and deleted), replays the batches from there to the log end,
    /// then forgets producers below the log start offset and expired ones. After a replay a fresh snapshot at the log
    /// end is written (when <paramref name="snapshotAfterReplay"/>), so the next start has nothing to replay.
    /// </summary>
    private void LoadProducerStateLocked(bool snapshotAfterReplay)
    {
        _producers.Clear();
        var snapshots = ProducerSnapshotFile.List(Directory);
        var from = _segments[0].BaseOffset;
        for (var i = snapshots.Count - 1; i >= 0; i--)
        {
            var path = ProducerSnapshotFile.PathFor(Directory, snapshots[i]);
            if (snapshots[i] > _logEndOffset)
            {
                File.Delete(path);
                continue;
            }

            var entries = ProducerSnapshotFile.Read(path);
            if (entries is null)
            {
                Warn($"Producer state snapshot {Path.GetFileName(path)} is unreadable; it is deleted and the state rebuilt from the log");
                File.Delete(path);
                continue;
            }

            _producers.Load(entries);
            from = Math.Max(snapshots[i], from);
            break;
        }

        var replayed = ReplayProducerBatchesLocked(from, _logEndOffset);
        _producers.EvictBelow(_logStartOffset);
        _producers.RemoveExpired(NowMs(), _producerIdExpirationMs);
        if (replayed > 0 && snapshotAfterReplay)
        {
            TakeProducerSnapshotLocked(_logEndOffset, fsync: true);
        }
    }

    /// <summary>Applies every batch with offsets in [<paramref name="from"/>, <paramref name="to"/>) to the producer state; returns the batches read.</summary>
    private int ReplayProducerBatchesLocked(long from, long to)
    {
        var count = 0;
        var segments = _segments;
        for (var i = Math.Max(0, FloorSegment(segments, from)); i < segments.Length && segments[i].BaseOffset < to; i++)
        {
            var segment = segments[i];
            var size = segment.Size;
            var start = segment.BaseOffset < from ? segment.GetIndexes().Offsets.Lookup(from).Position : 0;
            using var lease = segment.RentHandle();
            using var reader = new SegmentBatchReader(lease.Handle, Math.Min(start, size), size, 64 << 10);
            while (reader.Next(verifyCrc: false) == ScanStatus.Batch)
            {
                var header = reader.Current;
                if (header.BaseOffset >= to)
                {
                    break;
                }

                if (header.LastOffset >= from)
                {
                    _producers.Replay(header);
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Writes the producer state as of <paramref name="offset"/>. A failure costs only a longer replay at the next
    /// start, so it is reported and otherwise ignored.
    /// </summary>
    private void TakeProducerSnapshotLocked(long offset, bool fsync)
    {
        try
        {
            ProducerSnapshotFile.Write(ProducerSnapshotFile.PathFor(Directory, offset), ProducerSnapshotFile.Serialize(_producers.Entries), fsync);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn($"Could not write the producer state snapshot at {offset}: {e.Message}");
        }
    }

    /// <summary>The producer state is only needed from the log start on: forget producers below it and the snapshots before it (the latest one stays).</summary>
    private void OnLogStartMovedLocked()
    {
        _producers.EvictBelow(_logStartOffset);
        var snapshots = ProducerSnapshotFile.List(Directory);
        foreach (var offset in snapshots.Take(snapshots.Count - 1).Where(o => o < _logStartOffset))
        {
            DeleteSnapshotFile(offset);
        }
    }

    private void DeleteSnapshotsWhere(Func<long, bool> predicate)
    {
        foreach (var offset in ProducerSnapshotFile.List(Directory).Where(predicate))
        {
            DeleteSnapshotFile(offset);
        }
    }

    private void DeleteSnapshotFile(long offset)
    {
        try
        {
            File.Delete(ProducerSnapshotFile.PathFor(Directory, offset));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn($"Could not delete the producer state snapshot at {offset}: {e.Message}");
        }
    }

    private LogAppendResult DuplicateResult(ProducerBatch duplicate, bool logAppendTime) =>
        new(ErrorCode.None, duplicate.FirstOffset, duplicate.LastOffset, logAppendTime ? duplicate.MaxTimestamp : -1, _logStartOffset, IsDuplicate: true);

    private static bool IsIdempotentData(in RecordBatchHeader header) => header.HasProducerId && !header.IsControl;

    /// <summary>
    /// Checks the batches of idempotent producers against the producer state, with the offsets they are about to
    /// get. Returns the staged producer entries to commit after the write (null when no batch has a producer id),
    /// or sets <paramref name="duplicate"/> (a retry) or <paramref name="error"/> (fenced or out of order).
    /// </summary>
    private Dictionary<long, ProducerStateEntry>? CheckProducersLocked(
        ReadOnlySpan<byte> records,
        long firstOffset,
        long logAppendTime,
        out ProducerBatch? duplicate,
        out LogAppendResult? error)
    {
        duplicate = null;
        error = null;
        Dictionary<long, ProducerStateEntry>? staged = null;
        var offset = firstOffset;
        for (var position = 0; position < records.Length;)
        {
            RecordBatchHeader.TryRead(records[position..], out var header);
            if (IsIdempotentData(header))
            {
                duplicate = _producers.FindDuplicate(header);
                if (duplicate is not null)
                {
                    return null;
                }

                staged ??= [];
                var maxTimestamp = logAppendTime >= 0 ? logAppendTime : header.MaxTimestamp;
                var code = _producers.CheckAndStage(header, offset, maxTimestamp, staged, TopicPartition, out var message);
                if (code != ErrorCode.None)
                {
                    error = LogAppendResult.Failed(code, message, _logStartOffset);
                    return null;
                }
            }

            offset += header.LastOffsetDelta + 1L;
            position += header.TotalSize;
        }

        return staged;
    }
}
