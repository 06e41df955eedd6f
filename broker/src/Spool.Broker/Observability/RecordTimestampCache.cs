using Spool.Protocol;
using Spool.Protocol.Records;
using Spool.Storage;

namespace Spool.Broker.Observability;

/// <summary>
/// Timestamps of the next record to consume, per (partition, offset), for consumer lag in seconds. Reading one
/// costs a batch read (and a decompression for compressed batches), so a timestamp is read once while a group
/// stays at that offset and dropped once no group is at it any more.
/// </summary>
internal sealed class RecordTimestampCache
{
    /// <summary>Batches read past control batches or compacted-away records before giving up on one lookup.</summary>
    private const int MaxBatchesPerLookup = 16;

    private readonly Dictionary<(TopicPartition Partition, long Offset), (long Timestamp, int Generation)> _entries = [];
    private int _generation;

    /// <summary>Timestamps held (for tests).</summary>
    internal int Count => _entries.Count;

    /// <summary>Starts a pass over the groups; entries not used during it are dropped by <see cref="EndPass"/>.</summary>
    public void BeginPass() => _generation++;

    public void EndPass()
    {
        List<(TopicPartition, long)>? unused = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Generation != _generation)
            {
                (unused ??= []).Add(key);
            }
        }

        foreach (var key in unused ?? [])
        {
            _entries.Remove(key);
        }
    }

    /// <summary>The timestamp (ms) of the first record at or after <paramref name="offset"/> below <paramref name="highWatermark"/>, or null.</summary>
    public long? TimestampAt(PartitionLog log, long offset, long highWatermark)
    {
        var key = (log.TopicPartition, offset);
        if (_entries.TryGetValue(key, out var cached))
        {
            _entries[key] = (cached.Timestamp, _generation);
            return cached.Timestamp;
        }

        var timestamp = Read(log, offset, highWatermark);
        if (timestamp is { } found)
        {
            _entries[key] = (found, _generation);
        }

        return timestamp;
    }

    private static long? Read(PartitionLog log, long offset, long highWatermark)
    {
        var position = offset;
        for (var i = 0; i < MaxBatchesPerLookup && position < highWatermark; i++)
        {
            using var read = log.Read(position, maxBytes: 1, maxOffsetExclusive: highWatermark, minOneBatch: true);
            if (read.Error != ErrorCode.None || read.IsEmpty)
            {
                return null;
            }

            foreach (var batch in RecordBatchReader.ReadBatches(read.Records))
            {
                var header = batch.Header;
                if (header.IsControl || header.LastOffset < offset)
                {
                    continue;
                }

                if (header.TimestampType == TimestampType.LogAppendTime)
                {
                    return header.MaxTimestamp;
                }

                foreach (var record in batch.Records())
                {
                    if (record.Offset >= offset)
                    {
                        return record.Timestamp;
                    }
                }
            }

            if (read.NextOffset <= position)
            {
                return null;
            }

            position = read.NextOffset;
        }

        return null;
    }
}
