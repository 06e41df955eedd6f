using Spool.Protocol;

namespace Spool.Storage;

public sealed partial class PartitionLog
{
    /// <summary>
    /// Opens (or creates) the log in <paramref name="directory"/>, named <c>&lt;topic&gt;-&lt;partition&gt;</c>. After an
    /// unclean shutdown, every segment from the one holding the recovery point on is scanned: batches are checked
    /// (framing, CRC-32C, increasing offsets), a torn or corrupt tail is truncated, later segments are dropped and
    /// indexes rebuilt. Segments whose index files are missing or malformed are rebuilt in any case.
    /// </summary>
    public static PartitionLog Open(string directory, LogConfig config, LogOpenOptions? options = null)
    {
        options ??= new LogOpenOptions();
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        if (!TopicPartition.TryParseDirectoryName(name, out var topicPartition))
        {
            throw new ArgumentException($"'{name}' is not a partition directory name (<topic>-<partition>)", nameof(directory));
        }

        System.IO.Directory.CreateDirectory(directory);
        var stored = PartitionMetadataFile.Read(directory);
        Uuid topicId;
        if (stored is { } storedId)
        {
            if (options.TopicId is { IsZero: false } given && given != storedId)
            {
                throw new InvalidDataException($"Partition {topicPartition} has topic id {storedId} on disk, not {given}");
            }

            topicId = storedId;
        }
        else
        {
            topicId = options.TopicId ?? Uuid.Zero;
            if (!topicId.IsZero)
            {
                PartitionMetadataFile.Write(directory, topicId);
            }
        }

        var log = new PartitionLog(directory, topicPartition, topicId, config, options, options.Resources ?? new StorageResources());
        try
        {
            log.Load(options);
        }
        catch
        {
            log.Dispose();
            throw;
        }

        return log;
    }

    private void Load(LogOpenOptions options)
    {
        var config = _config;
        var now = NowMs();
        RemoveLeftoverFiles();
        var segments = System.IO.Directory.EnumerateFiles(Directory, "*" + LogFileNames.LogSuffix)
            .Select(path => LogFileNames.TryParseBaseOffset(Path.GetFileName(path), out var baseOffset) ? baseOffset : -1)
            .Where(baseOffset => baseOffset >= 0)
            .Order()
            .Select(baseOffset => LogSegment.OpenExisting(Directory, baseOffset, _resources, now, config))
            .ToList();
        for (var i = 0; i + 1 < segments.Count; i++)
        {
            segments[i].UpperBoundOffset = segments[i + 1].BaseOffset;
        }

        var epochsBefore = _epochs.Entries;
        long logEndOffset;
        var recovered = new List<LogSegment>();
        if (segments.Count == 0)
        {
            var start = Math.Max(options.LogStartOffset ?? 0, 0);
            segments.Add(LogSegment.CreateActive(Directory, start, _resources, now, config, Jitter(config)));
            logEndOffset = start;
        }
        else
        {
            var firstToRecover = segments.Count;
            if (!options.HadCleanShutdown)
            {
                firstToRecover = Math.Max(0, FloorSegment([.. segments], options.RecoveryPoint ?? 0));
            }

            ActiveSegmentState? activeState = null;
            var epochsRebuilt = false;
            logEndOffset = -1;
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                var isLast = i == segments.Count - 1;
                if (i < firstToRecover && isLast && segment.TryLoadActiveState(out var loaded, out var next))
                {
                    activeState = loaded;
                    logEndOffset = next;
                    continue;
                }

                if (i < firstToRecover && !isLast && segment.IndexFilesLookSane())
                {
                    continue;
                }

                if (i >= firstToRecover && !epochsRebuilt)
                {
                    // Epochs from here on are rebuilt from the batches themselves.
                    _epochs.TruncateFromEnd(segment.BaseOffset, persist: false);
                    epochsRebuilt = true;
                }

                var result = segment.Recover(header => _epochs.Assign(header.PartitionLeaderEpoch, header.BaseOffset, persist: false));
                recovered.Add(segment);
                var overlapsNext = !isLast && result.NextOffset > segments[i + 1].BaseOffset;
                if (result.Truncated || overlapsNext)
                {
                    Warn(result.Truncated
                        ? $"Recovery truncated segment {segment.BaseOffset} to {result.ValidBytes} bytes ({result.Problem}); offsets from {result.NextOffset} on are discarded"
                        : $"Segment {segment.BaseOffset} overlaps the next segment; later segments are discarded");
                    foreach (var later in segments.Skip(i + 1))
                    {
                        later.Close();
                        later.DeleteFiles();
                    }

                    segments.RemoveRange(i + 1, segments.Count - i - 1);
                    segment.UpperBoundOffset = long.MaxValue;
                    isLast = true;
                }

                if (isLast)
                {
                    activeState = result.State;
                    logEndOffset = result.NextOffset;
                }
                else
                {
                    segment.AdoptInactive(result.State);
                }
            }

            segments[^1].Activate(activeState!);
        }

        foreach (var segment in recovered)
        {
            segment.Flush();
        }

        _segments = [.. segments];
        _logEndOffset = logEndOffset;
        _recoveryPoint = logEndOffset;
        _logStartOffset = Math.Max(options.LogStartOffset ?? segments[0].BaseOffset, segments[0].BaseOffset);
        if (_logStartOffset > logEndOffset)
        {
            // The checkpointed start lies beyond what survived: start over there, as Kafka does.
            Warn($"Log start offset {_logStartOffset} is beyond the log end offset {logEndOffset}; starting the log at {_logStartOffset}");
            TruncateFullyAndStartAtLocked(_logStartOffset);
        }

        _epochs.TruncateFromEnd(_logEndOffset, persist: false);
        _epochs.TruncateFromStart(_logStartOffset, persist: false);
        if (!ReferenceEquals(epochsBefore, _epochs.Entries))
        {
            _epochs.Persist();
        }

        _highWatermark = Math.Clamp(options.HighWatermark ?? _logStartOffset, _logStartOffset, _logEndOffset);
        LoadProducerStateLocked(snapshotAfterReplay: true);
        if (recovered.Count > 0)
        {
            Warn($"Recovered {recovered.Count} segment(s); log end offset {_logEndOffset}");
        }
    }

    /// <summary>
    /// Removes what an interrupted operation left: segments awaiting deletion, temporary files and uncommitted
    /// compaction output (<c>.cleaned</c>), and completes committed segment swaps (<c>.swap</c>).
    /// </summary>
    private void RemoveLeftoverFiles()
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            var fileName = Path.GetFileName(path);
            if (fileName.EndsWith(LogFileNames.DeletedSuffix, StringComparison.Ordinal) ||
                fileName.EndsWith(LogFileNames.CleanedSuffix, StringComparison.Ordinal) ||
                fileName.EndsWith(LogFileNames.TempSuffix, StringComparison.Ordinal))
            {
                File.Delete(path);
            }
        }

        CompleteInterruptedSwaps();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            var fileName = Path.GetFileName(path);
            var isIndex = fileName.EndsWith(LogFileNames.IndexSuffix, StringComparison.Ordinal) ||
                fileName.EndsWith(LogFileNames.TimeIndexSuffix, StringComparison.Ordinal);
            if (isIndex && LogFileNames.TryParseBaseOffset(fileName, out var baseOffset) && !File.Exists(LogFileNames.LogFile(Directory, baseOffset)))
            {
                File.Delete(path);
            }
        }
    }

    private static long Jitter(LogConfig config) => config.SegmentJitterMs > 0 ? Random.Shared.NextInt64(config.SegmentJitterMs) : 0;
}
