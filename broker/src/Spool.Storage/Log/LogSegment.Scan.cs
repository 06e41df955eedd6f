using Spool.Protocol.Records;

namespace Spool.Storage;

internal sealed partial class LogSegment
{
    private const int RecoveryChunkSize = 1 << 20;
    private const int ScanChunkSize = 64 << 10;

    /// <summary>
    /// Crash recovery of this segment: reads every batch checking structure, CRC-32C and increasing offsets, rebuilds
    /// both indexes, and truncates the file at the first invalid byte. Epochs seen are reported to <paramref name="onBatch"/>.
    /// </summary>
    public SegmentScanResult Recover(Action<RecordBatchHeader>? onBatch)
    {
        var state = new ActiveSegmentState(BaseOffset);
        SegmentScanResult result;
        long fileLength;
        using (var handle = File.OpenHandle(LogPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
        {
            fileLength = RandomAccess.GetLength(handle);
            result = Scan(handle, 0, fileLength, verifyCrc: true, state, BaseOffset - 1, onBatch);
            if (result.ValidBytes < fileLength)
            {
                RandomAccess.SetLength(handle, result.ValidBytes);
                RandomAccess.FlushToDisk(handle);
            }
        }

        PublishSize(result.ValidBytes);
        return result with { Truncated = result.ValidBytes < fileLength };
    }

    /// <summary>Holds recovered indexes as an inactive segment's: seals and writes them, and caches them.</summary>
    public void AdoptInactive(ActiveSegmentState state)
    {
        state.SealTimeIndex();
        WriteIndexFiles(state.Indexes);
        Volatile.Write(ref _offsetOfMaxTimestamp, state.OffsetOfMaxTimestamp);
        Volatile.Write(ref _maxTimestamp, state.MaxTimestamp);
        _resources.Indexes.Put(this, state.Indexes);
    }

    /// <summary>Whether both index files exist with sizes that are whole entries (cheap check at open).</summary>
    public bool IndexFilesLookSane()
    {
        var index = new FileInfo(IndexPath);
        var time = new FileInfo(TimeIndexPath);
        return index.Exists && time.Exists && index.Length % OffsetIndex.EntrySize == 0 && time.Length % TimeIndex.EntrySize == 0;
    }

    /// <summary>
    /// After a clean shutdown: loads the last segment's index files and checks the batches after the last index
    /// entry (with CRC). False when anything is off, and the caller recovers the segment instead.
    /// </summary>
    public bool TryLoadActiveState(out ActiveSegmentState state, out long nextOffset)
    {
        state = null!;
        nextOffset = BaseOffset;
        var indexes = TryReadIndexFiles();
        if (indexes is null)
        {
            return false;
        }

        using var handle = File.OpenHandle(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var resumed = Resume(handle, indexes, Size, verifyCrc: true);
        if (resumed.Status != ScanStatus.End || resumed.ValidBytes != Size)
        {
            return false;
        }

        state = resumed.State;
        nextOffset = resumed.NextOffset;
        return true;
    }

    /// <summary>
    /// Cuts the active segment before the batch that contains <paramref name="offset"/>; returns the new next
    /// offset (that batch's base offset), or -1 when no batch reaches <paramref name="offset"/>.
    /// </summary>
    public long TruncateTo(long offset)
    {
        var active = _active ?? throw new InvalidOperationException("Segment is not active");
        var handle = active.WriteHandle!;
        var start = active.Indexes.Offsets.Lookup(offset).Position;
        int cut;
        long cutBase;
        using (var reader = new SegmentBatchReader(handle, start, Size, ScanChunkSize))
        {
            while (true)
            {
                if (reader.Next(verifyCrc: false) != ScanStatus.Batch)
                {
                    return -1;
                }

                if (reader.Current.LastOffset >= offset)
                {
                    cut = (int)reader.CurrentPosition;
                    cutBase = reader.Current.BaseOffset;
                    break;
                }
            }
        }

        active.Indexes.Offsets.TruncateTo(cutBase);
        active.Indexes.Times.TruncateTo(cutBase);
        RandomAccess.SetLength(handle, cut);
        PublishSize(cut);
        var resumed = Resume(handle, active.Indexes, cut, verifyCrc: false);
        resumed.State.WriteHandle = handle;
        Volatile.Write(ref _active, resumed.State);
        return cutBase;
    }

    /// <summary>Rebuilds the running state of an index loaded or cut from disk by scanning after its last entry.</summary>
    private SegmentScanResult Resume(Microsoft.Win32.SafeHandles.SafeFileHandle handle, SegmentIndexes indexes, long end, bool verifyCrc)
    {
        var state = new ActiveSegmentState(BaseOffset) { Indexes = indexes };
        if (indexes.Times.LastEntry is { } lastTime)
        {
            state.SeedMaxTimestamp(lastTime.Timestamp, lastTime.Offset);
        }

        var lastIndexed = indexes.Offsets.LastEntry;
        var start = lastIndexed?.Position ?? 0;
        if (start > 0 && end >= RecordBatchHeader.Size)
        {
            Span<byte> first = stackalloc byte[RecordBatchHeader.Size];
            if (RandomAccess.Read(handle, first, 0) == first.Length && RecordBatchHeader.TryRead(first, out var header))
            {
                state.RollingBasedTimestamp = header.MaxTimestamp;
            }
        }

        return Scan(handle, start, end, verifyCrc, state, (lastIndexed?.Offset ?? BaseOffset) - 1, onBatch: null);
    }

    private SegmentScanResult Scan(
        Microsoft.Win32.SafeHandles.SafeFileHandle handle,
        long start,
        long end,
        bool verifyCrc,
        ActiveSegmentState state,
        long previousLastOffset,
        Action<RecordBatchHeader>? onBatch)
    {
        var last = previousLastOffset;
        var valid = start;
        ScanStatus status;
        string? problem = null;
        using var reader = new SegmentBatchReader(handle, start, end, verifyCrc ? RecoveryChunkSize : ScanChunkSize);
        while (true)
        {
            try
            {
                status = reader.Next(verifyCrc);
            }
            catch (EndOfStreamException e)
            {
                status = ScanStatus.Torn;
                problem = e.Message;
                break;
            }

            if (status != ScanStatus.Batch)
            {
                problem = reader.Problem;
                break;
            }

            var header = reader.Current;
            if (header.BaseOffset < BaseOffset || header.BaseOffset <= last || header.LastOffset - BaseOffset > int.MaxValue)
            {
                status = ScanStatus.Corrupt;
                problem = $"batch at position {reader.CurrentPosition} has base offset {header.BaseOffset} out of order after {last}";
                break;
            }

            state.Track(header.BaseOffset, (int)reader.CurrentPosition, header.MaxTimestamp, reader.CurrentSize, IndexIntervalBytes);
            onBatch?.Invoke(header);
            last = header.LastOffset;
            valid = reader.Position;
        }

        var next = last >= BaseOffset ? last + 1 : BaseOffset;
        return new SegmentScanResult(state, (int)valid, next, status, problem);
    }

    private SegmentIndexes? TryReadIndexFiles()
    {
        if (Volatile.Read(ref _renamedForDeletion))
        {
            // Index files under the original names may belong to a compacted replacement: rebuild from this file.
            return null;
        }

        try
        {
            var offsets = OffsetIndex.Parse(File.ReadAllBytes(IndexPath), BaseOffset, Size, UpperBoundOffset);
            var times = TimeIndex.Parse(File.ReadAllBytes(TimeIndexPath), BaseOffset, UpperBoundOffset);
            return offsets is not null && times is not null ? new SegmentIndexes(offsets, times) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Lazy index load of an inactive segment; rebuilds (and rewrites) indexes that are missing or fail the sanity checks.</summary>
    private SegmentIndexes LoadIndexes()
    {
        var indexes = TryReadIndexFiles();
        if (indexes is not null)
        {
            return indexes;
        }

        var state = new ActiveSegmentState(BaseOffset);
        using (var lease = RentHandle())
        {
            Scan(lease.Handle, 0, Size, verifyCrc: false, state, BaseOffset - 1, onBatch: null);
        }

        state.SealTimeIndex();
        if (Volatile.Read(ref _renamedForDeletion))
        {
            return state.Indexes;
        }

        try
        {
            WriteIndexFiles(state.Indexes);
        }
        catch (IOException)
        {
            // The rebuilt index still serves this process; the next load tries again.
        }

        return state.Indexes;
    }
}
