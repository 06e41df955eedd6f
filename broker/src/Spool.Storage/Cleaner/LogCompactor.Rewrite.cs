using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage;

internal sealed partial class LogCompactor
{
    /// <summary>
    /// Writes the compacted copy of one group of segments and swaps it in; skipped when nothing would change (one
    /// segment, every batch kept as it is).
    /// </summary>
    private void CleanGroup(List<LogSegment> group, OffsetMap map, Dictionary<long, long> producers)
    {
        var writer = new CleanedSegmentWriter(_log.Directory, group[0].BaseOffset, _config.IndexIntervalBytes, _options.IoBufferSize);
        try
        {
            var changed = group.Count > 1;
            using var scratch = new KafkaWriter(64 << 10);
            var retained = new List<Record>();
            foreach (var segment in group)
            {
                _segmentsRead++;
                using var lease = segment.RentHandle();
                using var reader = new SegmentBatchReader(lease.Handle, 0, segment.Size, _options.IoBufferSize);
                while (NextBatch(reader, segment))
                {
                    _cancel.ThrowIfCancellationRequested();
                    changed |= !CleanBatch(reader, writer, scratch, retained, map, producers);
                }
            }

            if (!changed)
            {
                writer.DeleteFiles();
                return;
            }

            writer.Finish();
            if (_log.TryReplaceSegments(group, writer))
            {
                _segmentsWritten++;
                _bytesWritten += writer.Size;
            }
            else
            {
                writer.DeleteFiles();
            }
        }
        catch
        {
            writer.DeleteFiles();
            throw;
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Writes what is retained of the current batch; false when it is not the original batch unchanged.</summary>
    private bool CleanBatch(SegmentBatchReader reader, CleanedSegmentWriter writer, KafkaWriter scratch, List<Record> retained, OffsetMap map, Dictionary<long, long> producers)
    {
        var header = reader.Current;
        var memory = reader.CurrentBatchMemory();
        _bytesRead += memory.Length;
        if (header.IsControl)
        {
            writer.Append(memory.Span, header.BaseOffset, header.MaxTimestamp);
            return true;
        }

        retained.Clear();
        var total = 0;
        var tombstones = false;
        foreach (var record in new RecordBatch(header, memory).Records())
        {
            total++;
            if (ShouldRetain(header, record, map))
            {
                retained.Add(record);
                tombstones |= record.Value is null;
            }
        }

        _recordsRead += total;
        _recordsRemoved += total - retained.Count;
        var needsHorizon = tombstones && !header.HasDeleteHorizon;
        if (retained.Count == total && !needsHorizon)
        {
            writer.Append(memory.Span, header.BaseOffset, header.MaxTimestamp);
            return true;
        }

        scratch.Reset();
        if (retained.Count > 0)
        {
            var horizon = needsHorizon ? SaturatingAdd(_nowMs, _config.DeleteRetentionMs) : header.HasDeleteHorizon ? header.BaseTimestamp : -1;
            CleanedBatchWriter.WriteRetained(scratch, header, retained, horizon);
        }
        else if (header.HasProducerId && producers.TryGetValue(header.ProducerId, out var last) && last == header.LastOffset)
        {
            CleanedBatchWriter.WriteEmpty(scratch, header);
        }
        else
        {
            return false;
        }

        RecordBatchHeader.TryRead(scratch.WrittenSpan, out var rebuilt);
        writer.Append(scratch.WrittenSpan, rebuilt.BaseOffset, rebuilt.MaxTimestamp);
        return false;
    }
}
