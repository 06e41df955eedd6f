namespace Spool.Storage;

public sealed partial class PartitionLog
{
    private long _cleanerCheckpoint;

    /// <summary>
    /// The offset up to which the log has been compacted (its first dirty offset, as in Kafka's
    /// cleaner-offset-checkpoint), -1 when it never was.
    /// </summary>
    public long CleanerCheckpoint => Volatile.Read(ref _cleanerCheckpoint);

    internal void SetCleanerCheckpoint(long offset) => Volatile.Write(ref _cleanerCheckpoint, offset);

    /// <summary>A consistent view of the segments and offsets for the cleaner to plan with.</summary>
    internal CleaningView GetCleaningView()
    {
        lock (_lock)
        {
            return new CleaningView(_segments, _logStartOffset, _logEndOffset, _highWatermark, _closed || _failed);
        }
    }

    /// <summary>
    /// Replaces <paramref name="old"/> (consecutive inactive segments) by the compacted segment written by
    /// <paramref name="cleaned"/>, unless the log changed under the cleaner (retention, truncation, deletion), in which
    /// case nothing happens and false is returned. On disk: the <c>.cleaned</c> files become <c>.swap</c> (committed:
    /// recovery completes the swap from here), the old segments are renamed <c>.deleted</c> (readers holding them
    /// finish; removal after file.delete.delay.ms), and the <c>.swap</c> files take the final names. Appends wait only
    /// for these renames; reads never wait.
    /// </summary>
    internal bool TryReplaceSegments(IReadOnlyList<LogSegment> old, CleanedSegmentWriter cleaned)
    {
        lock (_lock)
        {
            if (_closed || _failed)
            {
                return false;
            }

            var segments = _segments;
            var start = Array.IndexOf(segments, old[0]);
            if (start < 0 || start + old.Count >= segments.Length)
            {
                return false;
            }

            for (var i = 0; i < old.Count; i++)
            {
                if (!ReferenceEquals(segments[start + i], old[i]))
                {
                    return false;
                }
            }

            var config = _config;
            try
            {
                cleaned.RenameToSwap();
                foreach (var segment in old)
                {
                    DeletePendingWithBaseLocked(segment.BaseOffset);
                }

                var due = NowMs() + config.FileDeleteDelayMs;
                foreach (var segment in old)
                {
                    segment.MarkDeleted();
                    _pendingDeletes.Add((segment, due));
                }

                cleaned.RenameSwapToFinal();
            }
            catch (IOException e)
            {
                // The swap is committed on disk but not complete: startup finishes it. Until then the log is unusable.
                _failed = true;
                Warn($"Replacing segments from {old[0].BaseOffset} with their compacted copy failed: {e.Message}; the log is offline until restart");
                return false;
            }

            var replacement = LogSegment.OpenCleaned(Directory, cleaned.BaseOffset, _resources, NowMs(), config, cleaned.State);
            replacement.UpperBoundOffset = old[^1].UpperBoundOffset;
            Volatile.Write(ref _segments, [.. segments[..start], replacement, .. segments[(start + old.Count)..]]);
            var end = replacement.UpperBoundOffset;
            DeleteSnapshotsWhere(o => o > cleaned.BaseOffset && o < end);
            return true;
        }
    }

    /// <summary>
    /// A segment renamed for deletion earlier with this base offset would collide with the segment about to be
    /// renamed: remove its files now (its readers retry on the current segments).
    /// </summary>
    private void DeletePendingWithBaseLocked(long baseOffset)
    {
        for (var i = _pendingDeletes.Count - 1; i >= 0; i--)
        {
            if (_pendingDeletes[i].Segment.BaseOffset == baseOffset)
            {
                _pendingDeletes[i].Segment.DeleteFiles();
                _pendingDeletes.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// Startup half of the segment swap: a <c>&lt;base&gt;.log.swap</c> is a committed compacted segment. Every segment
    /// whose base offset lies in its range is removed (its content is in the swap file), then the swap files take the
    /// final names (index files that did not make it are rebuilt from the log).
    /// </summary>
    private void CompleteInterruptedSwaps()
    {
        var suffix = LogFileNames.LogSuffix + LogFileNames.SwapSuffix;
        var swaps = System.IO.Directory.EnumerateFiles(Directory, "*" + suffix)
            .Select(path => LogFileNames.TryParseBaseOffset(Path.GetFileName(path), out var baseOffset) ? baseOffset : -1)
            .Where(baseOffset => baseOffset >= 0)
            .Order()
            .ToList();
        foreach (var baseOffset in swaps)
        {
            var swapPath = LogFileNames.LogFile(Directory, baseOffset) + LogFileNames.SwapSuffix;
            var end = Math.Max(NextOffsetOf(swapPath, baseOffset), baseOffset + 1);
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + LogFileNames.LogSuffix).ToList())
            {
                if (LogFileNames.TryParseBaseOffset(Path.GetFileName(path), out var other) && other >= baseOffset && other < end)
                {
                    File.Delete(path);
                    File.Delete(LogFileNames.IndexFile(Directory, other));
                    File.Delete(LogFileNames.TimeIndexFile(Directory, other));
                }
            }

            foreach (var index in new[] { LogFileNames.IndexFile(Directory, baseOffset), LogFileNames.TimeIndexFile(Directory, baseOffset) })
            {
                if (File.Exists(index + LogFileNames.SwapSuffix))
                {
                    File.Move(index + LogFileNames.SwapSuffix, index, overwrite: true);
                }
            }

            File.Move(swapPath, LogFileNames.LogFile(Directory, baseOffset), overwrite: true);
            Warn($"Completed the interrupted replacement of segments from {baseOffset} by their compacted copy");
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + LogFileNames.SwapSuffix))
        {
            File.Delete(path);
        }

        if (swaps.Count > 0)
        {
            DirectorySync.Fsync(Directory);
        }
    }

    /// <summary>The offset after the last whole batch of a segment file (its base offset when it has none).</summary>
    private static long NextOffsetOf(string path, long baseOffset)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new SegmentBatchReader(handle, 0, RandomAccess.GetLength(handle), 64 << 10);
        var next = baseOffset;
        try
        {
            while (reader.Next(verifyCrc: false) == ScanStatus.Batch)
            {
                next = reader.Current.NextOffset;
            }
        }
        catch (EndOfStreamException)
        {
        }

        return next;
    }
}
