using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Protocol.Records;
using Spool.Storage;

namespace Spool.Broker.Groups;

/// <summary>
/// Reads and appends __consumer_offsets records through the partition layer, as the leader of the partition.
/// Appends go through the same path as produce (AppendAsLeader, then the high watermark), so fetches of the
/// topic by tools see the records once they are committed.
/// </summary>
internal sealed class OffsetsTopicLog
{
    private readonly ReplicaManager _replicas;
    private readonly int _nodeId;

    public OffsetsTopicLog(ReplicaManager replicas, int nodeId)
    {
        _replicas = replicas;
        _nodeId = nodeId;
    }

    /// <summary>Appends the records as one uncompressed CreateTime batch; returns the storage error, if any.</summary>
    public ErrorCode Append(int partition, IReadOnlyList<KeyValuePair<byte[], byte[]?>> records, long timestampMs)
    {
        if (!_replicas.TryGetPartition(new TopicPartition(OffsetsTopic.Name, partition), out var target))
        {
            return ErrorCode.UnknownTopicOrPartition;
        }

        if (target.Placement.Leader != _nodeId)
        {
            return ErrorCode.NotLeaderOrFollower;
        }

        byte[] batch;
        using (var builder = new RecordBatchBuilder())
        {
            foreach (var (key, value) in records)
            {
                builder.Append(timestampMs, key, value);
            }

            batch = builder.Build();
        }

        var log = target.Log;
        var appended = log.AppendAsLeader(batch, target.LeaderEpoch);
        if (!appended.IsSuccess)
        {
            return appended.Error;
        }

        // One replica is the whole ISR, so what is appended is committed (as for produce).
        if (target.Placement.Isr.Count <= 1)
        {
            log.MaybeIncrementHighWatermark(log.LogEndOffset);
        }

        return ErrorCode.None;
    }

    /// <summary>
    /// Hands every data record of the partition, from the log start to the log end, to <paramref name="onRecord"/>
    /// in offset order. The record's key and value are only valid during the call.
    /// </summary>
    public void Replay(int partition, int bufferSize, Action<Record> onRecord)
    {
        if (!_replicas.TryGetPartition(new TopicPartition(OffsetsTopic.Name, partition), out var source))
        {
            return;
        }

        var log = source.Log;
        var offset = log.LogStartOffset;
        var end = log.LogEndOffset;
        while (offset < end)
        {
            using var read = log.Read(offset, bufferSize, end, minOneBatch: true);
            if (read.Error != ErrorCode.None || read.IsEmpty || read.NextOffset <= offset)
            {
                break;
            }

            foreach (var batch in RecordBatchReader.ReadBatches(read.Records))
            {
                if (batch.Header.IsControl)
                {
                    continue;
                }

                foreach (var record in batch.Records())
                {
                    if (record.Offset >= offset)
                    {
                        onRecord(record);
                    }
                }
            }

            offset = read.NextOffset;
        }
    }
}
