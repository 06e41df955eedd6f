namespace Spool.Storage;

/// <summary>
/// Writes the compacted copy of a group of segments as <c>&lt;base&gt;.log.cleaned</c> with its
/// <c>.index.cleaned</c> and <c>.timeindex.cleaned</c>, building the indexes as appends do; then renames them
/// through <c>.swap</c> (the commit point, see <see cref="PartitionLog"/>'s swap) to the final names.
/// </summary>
internal sealed class CleanedSegmentWriter : IDisposable
{
    private readonly string _directory;
    private readonly int _indexIntervalBytes;
    private FileStream? _log;
    private long _size;

    public CleanedSegmentWriter(string directory, long baseOffset, int indexIntervalBytes, int bufferSize)
    {
        _directory = directory;
        _indexIntervalBytes = indexIntervalBytes;
        BaseOffset = baseOffset;
        State = new ActiveSegmentState(baseOffset);
        DeleteFiles();
        _log = new FileStream(Cleaned(LogFileNames.LogFile(directory, baseOffset)), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize);
    }

    public long BaseOffset { get; }

    /// <summary>The indexes and max timestamp of what was written (sealed by <see cref="Finish"/>).</summary>
    public ActiveSegmentState State { get; }

    public long Size => _size;

    private IEnumerable<string> FinalPaths =>
    [
        LogFileNames.IndexFile(_directory, BaseOffset),
        LogFileNames.TimeIndexFile(_directory, BaseOffset),
        LogFileNames.LogFile(_directory, BaseOffset), // last: the log file's rename is the commit point
    ];

    /// <summary>Appends one whole batch (base offset and max timestamp from its header).</summary>
    public void Append(ReadOnlySpan<byte> batch, long baseOffset, long maxTimestamp)
    {
        if (_size + batch.Length > int.MaxValue)
        {
            throw new InvalidDataException($"The compacted segment at {BaseOffset} would exceed 2 GiB");
        }

        State.Track(baseOffset, (int)_size, maxTimestamp, batch.Length, _indexIntervalBytes);
        _log!.Write(batch);
        _size += batch.Length;
    }

    /// <summary>Forces the log to disk, seals and writes both indexes (also forced), so the files can be committed.</summary>
    public void Finish()
    {
        _log!.Flush(flushToDisk: true);
        _log.Dispose();
        _log = null;
        State.SealTimeIndex();
        WriteSynced(Cleaned(LogFileNames.IndexFile(_directory, BaseOffset)), State.Indexes.Offsets.Serialize());
        WriteSynced(Cleaned(LogFileNames.TimeIndexFile(_directory, BaseOffset)), State.Indexes.Times.Serialize());
    }

    /// <summary>Renames the <c>.cleaned</c> files to <c>.swap</c>; once the log file is renamed the replacement is committed.</summary>
    public void RenameToSwap()
    {
        foreach (var path in FinalPaths)
        {
            File.Move(Cleaned(path), path + LogFileNames.SwapSuffix, overwrite: true);
        }

        DirectorySync.Fsync(_directory);
    }

    /// <summary>Renames the <c>.swap</c> files to the final names (after the replaced segments were renamed away).</summary>
    public void RenameSwapToFinal()
    {
        foreach (var path in FinalPaths)
        {
            File.Move(path + LogFileNames.SwapSuffix, path, overwrite: true);
        }

        DirectorySync.Fsync(_directory);
    }

    /// <summary>Removes the uncommitted output (an aborted or unneeded cleaning).</summary>
    public void DeleteFiles()
    {
        _log?.Dispose();
        _log = null;
        foreach (var path in FinalPaths)
        {
            File.Delete(Cleaned(path));
        }
    }

    public void Dispose() => _log?.Dispose();

    private static string Cleaned(string path) => path + LogFileNames.CleanedSuffix;

    private static void WriteSynced(string path, byte[] content)
    {
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
        RandomAccess.Write(handle, content, 0);
        RandomAccess.FlushToDisk(handle);
    }
}
