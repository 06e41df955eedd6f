using Spool.Protocol.Records;

namespace Spool.Storage;

internal sealed partial class LogSegment
{
    /// <summary>
    /// The first batch's max timestamp, -1 when the segment is empty: max.compaction.lag.ms measures how long a dirty
    /// segment has waited from it, as Kafka does.
    /// </summary>
    public long FirstBatchTimestamp
    {
        get
        {
            var active = Volatile.Read(ref _active);
            if (active is not null)
            {
                return active.RollingBasedTimestamp;
            }

            var value = Volatile.Read(ref _firstBatchTimestamp);
            if (value != NotLoaded)
            {
                return value;
            }

            value = -1;
            if (Size >= RecordBatchHeader.Size)
            {
                using var lease = RentHandle();
                Span<byte> header = stackalloc byte[RecordBatchHeader.Size];
                if (ReadFully(lease.Handle, header, 0) == header.Length && RecordBatchHeader.TryRead(header, out var parsed))
                {
                    value = parsed.MaxTimestamp;
                }
            }

            Volatile.Write(ref _firstBatchTimestamp, value);
            return value;
        }
    }

    /// <summary>
    /// A compacted segment just renamed into place: inactive, its indexes (built while it was written) go to the
    /// shared cache and its max timestamp is known without reading the time index.
    /// </summary>
    public static LogSegment OpenCleaned(string directory, long baseOffset, StorageResources resources, long nowMs, LogConfig config, ActiveSegmentState state)
    {
        var segment = OpenExisting(directory, baseOffset, resources, nowMs, config);
        Volatile.Write(ref segment._offsetOfMaxTimestamp, state.OffsetOfMaxTimestamp);
        Volatile.Write(ref segment._maxTimestamp, state.MaxTimestamp);
        resources.Indexes.Put(segment, state.Indexes);
        return segment;
    }
}
