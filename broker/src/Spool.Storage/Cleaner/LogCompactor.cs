using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// Compacts one log (Kafka's Cleaner.doClean): maps every key of the dirty section to its latest offset, then
/// rewrites the inactive segments from the start of the log up to where the map reaches, in groups that fit a
/// segment, keeping a record only if no later record has its key. Order and offsets never change; batches that
/// lose records are rebuilt with their original offsets and codec, untouched batches are copied byte for byte.
/// Tombstones survive one cleaning with a delete horizon of now + delete.retention.ms stamped on their batch and are
/// dropped by the first cleaning after it (KIP-534). An active producer's last batch is kept, empty if need be, so
/// its sequence survives.
/// </summary>
internal sealed partial class LogCompactor
{
    private readonly CleaningCandidate _candidate;
    private readonly CleanerOptions _options;
    private readonly long _nowMs;
    private readonly CancellationToken _cancel;
    private readonly PartitionLog _log;
    private readonly LogConfig _config;
    private int _segmentsRead;
    private int _segmentsWritten;
    private long _bytesRead;
    private long _bytesWritten;
    private long _recordsRead;
    private long _recordsRemoved;

    private LogCompactor(CleaningCandidate candidate, CleanerOptions options, long nowMs, CancellationToken cancel)
    {
        _candidate = candidate;
        _options = options;
        _nowMs = nowMs;
        _cancel = cancel;
        _log = candidate.Log;
        _config = candidate.Log.Config;
    }

    /// <summary>Cleans the candidate's log; the cleaner checkpoint moves to where the key map reached.</summary>
    /// <exception cref="OperationCanceledException">The cleaning was aborted (shutdown, log deleted).</exception>
    public static CleanerStats Clean(CleaningCandidate candidate, CleanerOptions options, long nowMs, CancellationToken cancel) =>
        new LogCompactor(candidate, options, nowMs, cancel).Run();

    private CleanerStats Run()
    {
        var view = _candidate.View;
        var map = new OffsetMap(_options.MapMemoryPerThread);
        var endOffset = BuildOffsetMap(map);
        if (endOffset > _candidate.FirstDirtyOffset)
        {
            var producers = _log.ProducerLastOffsets();
            var count = 0;
            while (count < view.Segments.Length - 1 && view.Segments[count].BaseOffset < endOffset)
            {
                count++;
            }

            foreach (var group in GroupBySize(view, count))
            {
                _cancel.ThrowIfCancellationRequested();
                CleanGroup(group, map, producers);
            }

            _log.SetCleanerCheckpoint(endOffset);
        }

        return new CleanerStats(
            _log.TopicPartition, _candidate.FirstDirtyOffset, endOffset, _segmentsRead, _segmentsWritten, _bytesRead, _bytesWritten, _recordsRead, _recordsRemoved);
    }

    /// <summary>Maps the keys of the dirty section; returns the offset the map reaches (exclusive).</summary>
    private long BuildOffsetMap(OffsetMap map)
    {
        var view = _candidate.View;
        var firstDirty = _candidate.FirstDirtyOffset;
        var end = _candidate.FirstUncleanableOffset;
        var segments = view.Segments;
        for (var i = Math.Max(0, PartitionLog.FloorSegment(segments, firstDirty)); i < segments.Length - 1 && segments[i].BaseOffset < end; i++)
        {
            using var lease = segments[i].RentHandle();
            using var reader = new SegmentBatchReader(lease.Handle, 0, segments[i].Size, _options.IoBufferSize);
            while (NextBatch(reader, segments[i]))
            {
                _cancel.ThrowIfCancellationRequested();
                var header = reader.Current;
                if (header.LastOffset < firstDirty)
                {
                    continue;
                }

                if (header.BaseOffset >= end)
                {
                    break;
                }

                if (!header.IsControl)
                {
                    if (map.LatestOffset >= 0 && map.WouldOverflow(header.RecordCount))
                    {
                        return map.LatestOffset + 1;
                    }

                    foreach (var record in new RecordBatch(header, reader.CurrentBatchMemory()).Records())
                    {
                        if (record.Key is { } key && record.Offset >= firstDirty)
                        {
                            map.Put(KeyHash.Of(key.Span), record.Offset);
                        }
                    }
                }

                map.LatestOffset = header.LastOffset;
            }
        }

        return map.LatestOffset >= 0 ? map.LatestOffset + 1 : firstDirty;
    }

    /// <summary>Consecutive segments whose sizes add up to at most segment.bytes and whose offsets fit one segment's relative offsets.</summary>
    private List<List<LogSegment>> GroupBySize(CleaningView view, int count)
    {
        var groups = new List<List<LogSegment>>();
        var segments = view.Segments;
        for (var i = 0; i < count;)
        {
            var group = new List<LogSegment> { segments[i] };
            long size = segments[i].Size;
            var groupBase = segments[i].BaseOffset;
            i++;
            while (i < count && size + segments[i].Size <= _config.SegmentBytes && view.UpperBound(i) - 1 - groupBase <= int.MaxValue)
            {
                group.Add(segments[i]);
                size += segments[i].Size;
                i++;
            }

            groups.Add(group);
        }

        return groups;
    }

    /// <summary>
    /// Kafka's rule: records past the map's reach stay; a record stays if no later record in the dirty section has
    /// its key, and, when it is a tombstone, until the delete horizon of its batch has passed. Records without a key
    /// cannot be compacted and are dropped, as Kafka drops them.
    /// </summary>
    private bool ShouldRetain(in RecordBatchHeader header, in Record record, OffsetMap map)
    {
        if (record.Offset >= map.LatestOffset)
        {
            return true;
        }

        if (record.Key is not { } key || record.Offset < map.Get(KeyHash.Of(key.Span)))
        {
            return false;
        }

        return record.Value is not null || !header.HasDeleteHorizon || _nowMs < header.BaseTimestamp;
    }

    /// <summary>The next batch, CRC-checked: compaction must never give corrupt bytes a fresh CRC.</summary>
    private static bool NextBatch(SegmentBatchReader reader, LogSegment segment)
    {
        var status = reader.Next(verifyCrc: true);
        return status switch
        {
            ScanStatus.Batch => true,
            ScanStatus.End => false,
            _ => throw new InvalidDataException($"Segment {segment.LogPath} has an invalid batch at position {reader.Position}: {reader.Problem}"),
        };
    }

    private static long SaturatingAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;
}
