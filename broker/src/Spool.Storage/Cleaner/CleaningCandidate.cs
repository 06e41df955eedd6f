namespace Spool.Storage;

/// <summary>
/// A compacted log as the cleaner sees it (Kafka's LogToClean): the dirty section runs from the first dirty offset
/// (the cleaner checkpoint) to the first uncleanable offset (the active segment, the high watermark and, with
/// min.compaction.lag.ms, the first segment holding a record younger than the lag); the cleanable ratio is the dirty
/// bytes over all bytes up to there.
/// </summary>
internal sealed record CleaningCandidate(
    PartitionLog Log,
    CleaningView View,
    long FirstDirtyOffset,
    long FirstUncleanableOffset,
    long CleanBytes,
    long CleanableBytes,
    long MaxCompactionDelayMs)
{
    public double CleanableRatio => CleanBytes + CleanableBytes == 0 ? 0 : CleanableBytes / (double)(CleanBytes + CleanableBytes);

    /// <summary>Kafka's rule: dirty bytes to clean, and a ratio above min.cleanable.dirty.ratio or a dirty segment older than max.compaction.lag.ms.</summary>
    public bool IsEligible(LogConfig config) => CleanableBytes > 0 && (MaxCompactionDelayMs > 0 || CleanableRatio > config.MinCleanableDirtyRatio);

    public static CleaningCandidate Evaluate(PartitionLog log, LogConfig config, long nowMs)
    {
        var view = log.GetCleaningView();
        var segments = view.Segments;
        var active = segments.Length - 1;
        var checkpoint = log.CleanerCheckpoint;
        var firstDirty = checkpoint < view.LogStartOffset || checkpoint > view.LogEndOffset ? view.LogStartOffset : checkpoint;
        var firstDirtyIndex = Math.Max(0, PartitionLog.FloorSegment(segments, firstDirty));
        var firstUncleanable = Math.Min(view.HighWatermark, view.Active.BaseOffset);
        if (config.MinCompactionLagMs > 0)
        {
            for (var i = firstDirtyIndex; i < active; i++)
            {
                if (segments[i].MaxTimestamp > nowMs - config.MinCompactionLagMs)
                {
                    firstUncleanable = Math.Min(firstUncleanable, segments[i].BaseOffset);
                    break;
                }
            }
        }

        firstUncleanable = Math.Max(firstUncleanable, firstDirty);
        long clean = 0, cleanable = 0;
        for (var i = 0; i < active; i++)
        {
            if (view.UpperBound(i) <= firstDirty)
            {
                clean += segments[i].Size;
            }
            else if (segments[i].BaseOffset < firstUncleanable)
            {
                cleanable += segments[i].Size;
            }
        }

        return new CleaningCandidate(log, view, firstDirty, firstUncleanable, clean, cleanable, MaxCompactionDelay(view, firstDirtyIndex, config, nowMs));
    }

    /// <summary>How long past max.compaction.lag.ms the oldest dirty segment's first batch is (0 when none is overdue).</summary>
    private static long MaxCompactionDelay(CleaningView view, int firstDirtyIndex, LogConfig config, long nowMs)
    {
        if (config.MaxCompactionLagMs <= 0 || config.MaxCompactionLagMs == long.MaxValue)
        {
            return 0;
        }

        var earliest = long.MaxValue;
        for (var i = firstDirtyIndex; i < view.Segments.Length - 1; i++)
        {
            var timestamp = view.Segments[i].FirstBatchTimestamp;
            if (timestamp > 0)
            {
                earliest = Math.Min(earliest, timestamp);
            }
        }

        var cleanUntil = nowMs - config.MaxCompactionLagMs;
        return earliest < cleanUntil ? cleanUntil - earliest : 0;
    }
}
