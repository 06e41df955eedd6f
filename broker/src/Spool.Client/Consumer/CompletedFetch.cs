using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Client.Consumer;

/// <summary>
/// One partition's part of a fetch response, decoded lazily into records at or after the offset it was fetched
/// from (a batch may start before it), and handed out over one or more polls.
/// </summary>
internal sealed class CompletedFetch
{
    private List<ConsumerRecord>? _records;
    private int _next;

    public CompletedFetch(TopicPartition partition, long fetchOffset, ErrorCode error, long highWatermark, long lastStableOffset, long logStartOffset, ReadOnlyMemory<byte> data)
    {
        Partition = partition;
        FetchOffset = fetchOffset;
        Error = error;
        HighWatermark = highWatermark;
        LastStableOffset = lastStableOffset;
        LogStartOffset = logStartOffset;
        Data = data;
        NextFetchOffset = fetchOffset;
        ExpectedPosition = fetchOffset;
    }

    public TopicPartition Partition { get; }

    public long FetchOffset { get; }

    public ErrorCode Error { get; }

    public long HighWatermark { get; }

    public long LastStableOffset { get; }

    public long LogStartOffset { get; }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Where the next fetch starts once every record here was returned: after the last complete batch.</summary>
    public long NextFetchOffset { get; private set; }

    /// <summary>
    /// The consumer position this data continues from: the fetch offset, then one past the last record handed out.
    /// Records may start later (compacted away offsets); a different position means the application sought.
    /// </summary>
    public long ExpectedPosition { get; private set; }

    public bool IsDrained => _records is { } records && _next >= records.Count;

    /// <summary>Decodes the records (once). Throws <see cref="KafkaException"/> for corrupt data.</summary>
    public void Decode(bool checkCrcs)
    {
        if (_records is not null)
        {
            return;
        }

        var records = new List<ConsumerRecord>();
        var complete = 0;
        try
        {
            foreach (var batch in RecordBatchReader.ReadBatches(Data))
            {
                complete++;
                var header = batch.Header;
                if (header.NextOffset <= FetchOffset)
                {
                    continue;
                }

                if (checkCrcs && !batch.IsCrcValid)
                {
                    throw new KafkaException(ErrorCode.CorruptMessage, $"{Partition}: the record batch at offset {header.BaseOffset} fails its CRC check");
                }

                // Control batches (transaction markers) carry no application records; skipping them still advances the position.
                if (!header.IsControl)
                {
                    var epoch = header.PartitionLeaderEpoch < 0 ? (int?)null : header.PartitionLeaderEpoch;
                    foreach (var record in batch.Records())
                    {
                        if (record.Offset >= FetchOffset)
                        {
                            records.Add(new ConsumerRecord(
                                Partition.Topic, Partition.Partition, record.Offset, record.Timestamp, header.TimestampType, record.Key, record.Value, record.Headers, epoch));
                        }
                    }
                }

                NextFetchOffset = Math.Max(NextFetchOffset, header.NextOffset);
            }
        }
        catch (RecordFormatException e)
        {
            throw new KafkaException(e.Error, $"{Partition} at offset {FetchOffset}: {e.Message}", e);
        }

        if (complete == 0 && !Data.IsEmpty)
        {
            // Only a partial batch: it is larger than the fetch size (brokers since KIP-74 send a first batch whole).
            throw new KafkaException(ErrorCode.MessageTooLarge, $"{Partition} has a record batch at offset {FetchOffset} larger than the fetch size; raise max.partition.fetch.bytes");
        }

        _records = records;
    }

    /// <summary>Up to <paramref name="max"/> records, from where the previous call stopped.</summary>
    public List<ConsumerRecord> Take(int max)
    {
        var records = _records ?? throw new InvalidOperationException("not decoded");
        var count = Math.Min(max, records.Count - _next);
        var taken = records.GetRange(_next, count);
        _next += count;
        if (count > 0)
        {
            ExpectedPosition = taken[^1].Offset + 1;
        }

        return taken;
    }
}
