namespace Spool.Storage;

public sealed partial class PartitionLog
{
    /// <summary>
    /// Removes everything at and after <paramref name="offset"/> (a follower diverging from its leader): later
    /// segments are deleted, the segment holding it is cut before the batch containing it, indexes, the epoch cache,
    /// the high watermark and the recovery point follow. Below the log start offset the log restarts empty there.
    /// </summary>
    public void TruncateTo(long offset)
    {
        lock (_lock)
        {
            ThrowIfClosed();
            if (offset >= _logEndOffset)
            {
                return;
            }

            if (offset < _logStartOffset || offset <= _segments[0].BaseOffset)
            {
                TruncateFullyAndStartAtLocked(Math.Max(offset, 0));
                return;
            }

            Interlocked.Increment(ref _generation);
            try
            {
                var segments = _segments;
                var keep = FloorSegment(segments, offset - 1) + 1; // segments with base offset < offset

                foreach (var removed in segments[keep..])
                {
                    removed.Close();
                    removed.DeleteFiles();
                }

                var last = segments[keep - 1];
                var nextOffset = keep < segments.Length ? segments[keep].BaseOffset : _logEndOffset;
                if (!last.IsActive)
                {
                    if (!last.TryLoadActiveState(out var state, out nextOffset))
                    {
                        var recovered = last.Recover(onBatch: null);
                        state = recovered.State;
                        nextOffset = recovered.NextOffset;
                    }

                    last.UpperBoundOffset = long.MaxValue;
                    last.Activate(state);
                }

                var cut = last.TruncateTo(offset);
                var newEnd = cut >= 0 ? cut : nextOffset;
                Volatile.Write(ref _segments, segments[..keep]);
                Volatile.Write(ref _logEndOffset, newEnd);
                Volatile.Write(ref _highWatermark, Math.Min(_highWatermark, newEnd));
                Volatile.Write(ref _recoveryPoint, Math.Min(_recoveryPoint, newEnd));
                _epochs.TruncateFromEnd(newEnd);
                Volatile.Write(ref _cleanerCheckpoint, Math.Min(_cleanerCheckpoint, newEnd));
            }
            finally
            {
                Interlocked.Increment(ref _generation);
            }

            // Outside the truncation window (readers spin while it is open); appends still wait for it.
            DeleteSnapshotsWhere(o => o > _logEndOffset);
            LoadProducerStateLocked(snapshotAfterReplay: false);
        }
    }

    /// <summary>Deletes all segments and restarts the log empty at <paramref name="offset"/> (a follower far behind its leader's log start).</summary>
    public void TruncateFullyAndStartAt(long offset)
    {
        lock (_lock)
        {
            ThrowIfClosed();
            TruncateFullyAndStartAtLocked(offset);
        }
    }

    private void TruncateFullyAndStartAtLocked(long offset)
    {
        Interlocked.Increment(ref _generation);
        try
        {
            foreach (var segment in _segments)
            {
                segment.Close();
                segment.DeleteFiles();
            }

            var config = _config;
            var created = LogSegment.CreateActive(Directory, offset, _resources, NowMs(), config, Jitter(config));
            Volatile.Write(ref _segments, [created]);
            Volatile.Write(ref _logStartOffset, offset);
            Volatile.Write(ref _logEndOffset, offset);
            Volatile.Write(ref _highWatermark, offset);
            Volatile.Write(ref _recoveryPoint, offset);
            _unflushedMessages = 0;
            _epochs.Clear();
            _producers.Clear();
            DeleteSnapshotsWhere(_ => true);
            Volatile.Write(ref _cleanerCheckpoint, -1);
        }
        finally
        {
            Interlocked.Increment(ref _generation);
        }
    }
}
