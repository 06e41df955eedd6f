using System.Buffers.Binary;

namespace Spool.Storage;

/// <summary>
/// One segment of a partition log: <c>&lt;base&gt;.log</c> with its <c>.index</c> and <c>.timeindex</c>. The active
/// segment keeps a write handle and its indexes in memory (index files are written when it becomes inactive, and
/// rebuilt by recovery after a crash); inactive segments borrow read handles and indexes from the shared,
/// bounded <see cref="StorageResources"/>.
/// </summary>
/// <remarks>Mutations run under the owning log's lock; reads run concurrently and never look past <see cref="Size"/>.</remarks>
internal sealed partial class LogSegment
{
    private const long NotLoaded = long.MinValue;

    private readonly StorageResources _resources;
    private ActiveSegmentState? _active;
    private string _logPath;
    private int _size;
    private long _maxTimestamp = NotLoaded;
    private long _offsetOfMaxTimestamp = -1;
    private bool _deleted;
    private bool _renamedForDeletion;
    private long _firstBatchTimestamp = NotLoaded;

    private LogSegment(string directory, long baseOffset, int size, StorageResources resources, long createdMs, int indexIntervalBytes)
    {
        Directory = directory;
        BaseOffset = baseOffset;
        _size = size;
        _resources = resources;
        CreatedMs = createdMs;
        IndexIntervalBytes = indexIntervalBytes;
        _logPath = LogFileNames.LogFile(directory, baseOffset);
    }

    public string Directory { get; }

    public long BaseOffset { get; }

    /// <summary>Bytes of complete batches; published after the bytes are written.</summary>
    public int Size => Volatile.Read(ref _size);

    public string LogPath => Volatile.Read(ref _logPath);

    public string IndexPath => LogFileNames.IndexFile(Directory, BaseOffset);

    public string TimeIndexPath => LogFileNames.TimeIndexFile(Directory, BaseOffset);

    public bool IsActive => Volatile.Read(ref _active) is not null;

    /// <summary>Set once the segment is deleted or its log closed: the shared caches then let go of it.</summary>
    public bool IsDeleted => Volatile.Read(ref _deleted);

    public long CreatedMs { get; }

    public long RollJitterMs { get; init; }

    public int IndexIntervalBytes { get; set; }

    /// <summary>The next segment's base offset (or long.MaxValue for the last), for index sanity checks.</summary>
    public long UpperBoundOffset { get; set; } = long.MaxValue;

    /// <summary>Largest batch max timestamp in the segment, -1 when none.</summary>
    public long MaxTimestamp
    {
        get
        {
            var active = Volatile.Read(ref _active);
            if (active is not null)
            {
                return active.MaxTimestamp;
            }

            var value = Volatile.Read(ref _maxTimestamp);
            if (value == NotLoaded)
            {
                LoadMaxTimestamp();
                value = Volatile.Read(ref _maxTimestamp);
            }

            return value;
        }
    }

    /// <summary>Base offset of the batch holding <see cref="MaxTimestamp"/>, -1 when none.</summary>
    public long OffsetOfMaxTimestamp
    {
        get
        {
            var active = Volatile.Read(ref _active);
            if (active is not null)
            {
                return active.OffsetOfMaxTimestamp;
            }

            _ = MaxTimestamp;
            return Volatile.Read(ref _offsetOfMaxTimestamp);
        }
    }

    internal ActiveSegmentState? ActiveState => Volatile.Read(ref _active);

    /// <summary>Creates an empty active segment (replacing any stale files at that base offset).</summary>
    public static LogSegment CreateActive(string directory, long baseOffset, StorageResources resources, long nowMs, LogConfig config, long jitterMs)
    {
        var segment = new LogSegment(directory, baseOffset, 0, resources, nowMs, config.IndexIntervalBytes) { RollJitterMs = jitterMs };
        File.Delete(segment.IndexPath);
        File.Delete(segment.TimeIndexPath);
        var handle = File.OpenHandle(segment.LogPath, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        segment._active = new ActiveSegmentState(baseOffset) { WriteHandle = handle };
        return segment;
    }

    /// <summary>An existing segment file, inactive until <see cref="Activate"/> or recovery.</summary>
    public static LogSegment OpenExisting(string directory, long baseOffset, StorageResources resources, long nowMs, LogConfig config)
    {
        var length = new FileInfo(LogFileNames.LogFile(directory, baseOffset)).Length;
        return new LogSegment(directory, baseOffset, (int)Math.Min(length, int.MaxValue), resources, nowMs, config.IndexIntervalBytes);
    }

    /// <summary>A read lease on the segment file: the active write handle when there is one, else a cached handle.</summary>
    public HandleLease RentHandle()
    {
        var active = Volatile.Read(ref _active);
        if (active?.WriteHandle is { } handle && HandleLease.TryAcquire(handle, out var lease))
        {
            return lease;
        }

        return _resources.Handles.Rent(this);
    }

    /// <summary>The segment's indexes: in memory when active, else from the shared cache (loaded or rebuilt lazily).</summary>
    public SegmentIndexes GetIndexes()
    {
        var active = Volatile.Read(ref _active);
        return active is not null ? active.Indexes : _resources.Indexes.GetOrLoad(this, static s => s.LoadIndexes());
    }

    /// <summary>Whether the segment must roll before <paramref name="incomingBytes"/> more are appended (Kafka's shouldRoll).</summary>
    public bool ShouldRoll(int incomingBytes, long incomingMaxTimestamp, long incomingLastOffset, long nowMs, LogConfig config)
    {
        var active = _active!;
        var size = Size;
        if (size == 0)
        {
            return false;
        }

        var waited = active.RollingBasedTimestamp >= 0 ? incomingMaxTimestamp - active.RollingBasedTimestamp : nowMs - CreatedMs;
        return size > (long)config.SegmentBytes - incomingBytes
            || waited > config.MaxSegmentMs - RollJitterMs
            || active.Indexes.Offsets.Count >= config.MaxIndexEntries
            || active.Indexes.Times.Count >= config.MaxTimeIndexEntries
            || incomingLastOffset - BaseOffset > int.MaxValue;
    }

    /// <summary>Writes whole batches at the end of the active segment; size is published by <see cref="PublishSize"/>.</summary>
    public void Write(ReadOnlySpan<byte> batches)
    {
        var active = _active ?? throw new InvalidOperationException("Segment is not active");
        RandomAccess.Write(active.WriteHandle!, batches, _size);
    }

    /// <summary>Index bookkeeping for a batch written at <paramref name="position"/>.</summary>
    public void TrackBatch(long baseOffset, int position, long batchMaxTimestamp, int size) =>
        _active!.Track(baseOffset, position, batchMaxTimestamp, size, IndexIntervalBytes);

    public void PublishSize(int size) => Volatile.Write(ref _size, size);

    /// <summary>Undoes a failed write: cuts the file back to the published size.</summary>
    public void DiscardUnpublished()
    {
        try
        {
            RandomAccess.SetLength(_active!.WriteHandle!, Size);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Makes the segment active: opens its write handle and holds <paramref name="state"/> (built by recovery or
    /// from the index files) in memory.
    /// </summary>
    public void Activate(ActiveSegmentState state)
    {
        _resources.Indexes.Remove(this);
        _resources.Handles.Remove(this);
        state.WriteHandle ??= File.OpenHandle(LogPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        Volatile.Write(ref _active, state);
    }

    /// <summary>
    /// Stops being the active segment (roll, clean close): seals the time index, writes both index files and
    /// hands the indexes to the shared cache, then closes the write handle (readers holding it finish first).
    /// </summary>
    public void Deactivate()
    {
        var active = _active;
        if (active is null)
        {
            return;
        }

        active.SealTimeIndex();
        WriteIndexFiles(active.Indexes);
        Volatile.Write(ref _offsetOfMaxTimestamp, active.OffsetOfMaxTimestamp);
        Volatile.Write(ref _maxTimestamp, active.MaxTimestamp);
        _resources.Indexes.Put(this, active.Indexes);
        Volatile.Write(ref _active, null);
        active.WriteHandle?.Dispose();
    }

    /// <summary>fsync of the segment file, and of its index files once they exist.</summary>
    public void Flush()
    {
        var active = Volatile.Read(ref _active);
        if (active?.WriteHandle is { } handle && HandleLease.TryAcquire(handle, out var lease))
        {
            using (lease)
            {
                RandomAccess.FlushToDisk(handle);
            }

            return;
        }

        FsyncFile(LogPath);
        FsyncFile(IndexPath);
        FsyncFile(TimeIndexPath);
    }

    /// <summary>Renames the files to <c>*.deleted</c> and releases cached handles and indexes; readers holding a handle finish.</summary>
    public void MarkDeleted()
    {
        Volatile.Write(ref _deleted, true);
        Volatile.Write(ref _renamedForDeletion, true);
        var active = _active;
        Volatile.Write(ref _active, null);
        active?.WriteHandle?.Dispose();
        _resources.Handles.Remove(this);
        _resources.Indexes.Remove(this);
        foreach (var path in new[] { IndexPath, TimeIndexPath, LogPath })
        {
            if (File.Exists(path))
            {
                File.Move(path, path + LogFileNames.DeletedSuffix, overwrite: true);
            }
        }

        Volatile.Write(ref _logPath, LogPath + LogFileNames.DeletedSuffix);
    }

    /// <summary>
    /// Removes the segment's files. Once renamed for deletion only the renamed files go: compaction may meanwhile
    /// have put a new segment under the original names.
    /// </summary>
    public void DeleteFiles()
    {
        var renamed = Volatile.Read(ref _renamedForDeletion);
        foreach (var path in new[] { LogFileNames.LogFile(Directory, BaseOffset), IndexPath, TimeIndexPath })
        {
            if (!renamed)
            {
                File.Delete(path);
            }

            File.Delete(path + LogFileNames.DeletedSuffix);
        }
    }

    /// <summary>Releases handles without writing anything (shutdown after a failure, or a deleted log).</summary>
    public void Close()
    {
        Volatile.Write(ref _deleted, true);
        var active = _active;
        Volatile.Write(ref _active, null);
        active?.WriteHandle?.Dispose();
        _resources.Handles.Remove(this);
        _resources.Indexes.Remove(this);
    }

    private static void FsyncFile(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(handle);
        }
        catch (FileNotFoundException)
        {
        }
    }

    private void WriteIndexFiles(SegmentIndexes indexes)
    {
        WriteFile(IndexPath, indexes.Offsets.Serialize());
        WriteFile(TimeIndexPath, indexes.Times.Serialize());
    }

    private static void WriteFile(string path, byte[] content)
    {
        // Written aside and renamed, so a crash leaves a whole old file or a whole new one.
        var temp = path + LogFileNames.TempSuffix;
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, content, 0);
        }

        File.Move(temp, path, overwrite: true);
    }

    private void LoadMaxTimestamp()
    {
        long timestamp = -1, offset = -1;
        if (Volatile.Read(ref _renamedForDeletion))
        {
            // The index files under the original names may belong to a compacted replacement by now.
            (timestamp, offset) = FromIndexes();
            Volatile.Write(ref _offsetOfMaxTimestamp, offset);
            Volatile.Write(ref _maxTimestamp, timestamp);
            return;
        }

        try
        {
            using var handle = File.OpenHandle(TimeIndexPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length % TimeIndex.EntrySize == 0 && length > 0)
            {
                Span<byte> entry = stackalloc byte[TimeIndex.EntrySize];
                if (RandomAccess.Read(handle, entry, length - TimeIndex.EntrySize) == TimeIndex.EntrySize)
                {
                    timestamp = BinaryPrimitives.ReadInt64BigEndian(entry);
                    offset = BaseOffset + BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
                }
            }
            else if (length != 0)
            {
                (timestamp, offset) = FromIndexes();
            }
        }
        catch (FileNotFoundException)
        {
            (timestamp, offset) = FromIndexes();
        }

        Volatile.Write(ref _offsetOfMaxTimestamp, offset);
        Volatile.Write(ref _maxTimestamp, timestamp);

        (long, long) FromIndexes() => GetIndexes().Times.LastEntry is { } last ? (last.Timestamp, last.Offset) : (-1, -1);
    }
}
