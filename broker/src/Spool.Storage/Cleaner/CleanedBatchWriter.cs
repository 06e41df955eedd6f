using System.Buffers.Binary;
using System.Text;
using Spool.Protocol;
using Spool.Protocol.Records;
using Spool.Protocol.Records.Compression;

namespace Spool.Storage;

/// <summary>
/// Writes the batch that replaces a batch from which compaction removed records (Kafka's
/// MemoryRecords.buildRetainedRecordsInto): same base offset, last offset delta, leader epoch, producer id, epoch
/// and base sequence (so the producer's sequence survives), same codec, only the retained records with their own
/// offsets and timestamps. With a delete horizon the first-timestamp field holds it and the attribute says so
/// (KIP-534), record timestamps staying exact as deltas from it.
/// </summary>
internal static class CleanedBatchWriter
{
    private const short DeleteHorizonFlag = 0x40;

    /// <summary>
    /// Writes a batch of <paramref name="retained"/> (at least one record) modelled on <paramref name="original"/>;
    /// <paramref name="deleteHorizonMs"/> is -1 for none.
    /// </summary>
    public static void WriteRetained(KafkaWriter output, in RecordBatchHeader original, IReadOnlyList<Record> retained, long deleteHorizonMs)
    {
        var baseTimestamp = deleteHorizonMs >= 0 ? deleteHorizonMs : retained[0].Timestamp;
        var maxTimestamp = original.TimestampType == TimestampType.LogAppendTime ? original.MaxTimestamp : retained.Max(r => r.Timestamp);
        using var records = new KafkaWriter(4096);
        using var body = new KafkaWriter(256);
        foreach (var record in retained)
        {
            body.Reset();
            body.WriteInt8(0);
            body.WriteVarlong(record.Timestamp - baseTimestamp);
            body.WriteVarint(checked((int)(record.Offset - original.BaseOffset)));
            WriteBlob(body, record.Key);
            WriteBlob(body, record.Value);
            var headers = record.Headers;
            body.WriteVarint(headers.Count);
            foreach (var header in headers)
            {
                var key = Encoding.UTF8.GetBytes(header.Key);
                body.WriteVarint(key.Length);
                body.WriteRaw(key);
                if (header.Value is null)
                {
                    body.WriteVarint(-1);
                }
                else
                {
                    body.WriteVarint(header.Value.Length);
                    body.WriteRaw(header.Value);
                }
            }

            records.WriteVarint(body.Length);
            records.WriteRaw(body.WrittenSpan);
        }

        var attributes = deleteHorizonMs >= 0 ? (short)(original.Attributes | DeleteHorizonFlag) : original.Attributes;
        var start = WriteHeader(output, original, attributes, baseTimestamp, maxTimestamp, retained.Count);
        RecordCompression.Compress(original.Compression, records.WrittenSpan, output);
        Seal(output, start);
    }

    /// <summary>
    /// An empty batch (no records) in place of <paramref name="original"/>: kept when it is an active producer's last
    /// batch, so its last sequence and epoch stay in the log (Kafka's RETAIN_EMPTY). Written uncompressed, as Kafka does.
    /// </summary>
    public static void WriteEmpty(KafkaWriter output, in RecordBatchHeader original)
    {
        var attributes = (short)(original.Attributes & ~(0x07 | DeleteHorizonFlag));
        var start = WriteHeader(output, original, attributes, original.MaxTimestamp, original.MaxTimestamp, 0);
        Seal(output, start);
    }

    private static int WriteHeader(KafkaWriter output, in RecordBatchHeader original, short attributes, long baseTimestamp, long maxTimestamp, int count)
    {
        var start = output.Length;
        output.WriteInt64(original.BaseOffset);
        output.WriteInt32(0); // batch length, patched by Seal
        output.WriteInt32(original.PartitionLeaderEpoch);
        output.WriteInt8((sbyte)RecordBatchHeader.CurrentMagic);
        output.WriteUInt32(0); // CRC, computed by Seal
        output.WriteInt16(attributes);
        output.WriteInt32(original.LastOffsetDelta);
        output.WriteInt64(baseTimestamp);
        output.WriteInt64(maxTimestamp);
        output.WriteInt64(original.ProducerId);
        output.WriteInt16(original.ProducerEpoch);
        output.WriteInt32(original.BaseSequence);
        output.WriteInt32(count);
        return start;
    }

    private static void Seal(KafkaWriter output, int start)
    {
        var size = output.Length - start;
        output.PatchInt32(start + RecordBatchHeader.BatchLengthOffset, size - RecordBatchHeader.LogOverhead);
        var batch = output.WrittenSpanMutable(start, size);
        BinaryPrimitives.WriteUInt32BigEndian(batch[RecordBatchHeader.CrcOffset..], RecordBatchHeader.ComputeCrc(batch));
    }

    private static void WriteBlob(KafkaWriter writer, ReadOnlyMemory<byte>? blob)
    {
        if (blob is not { } bytes)
        {
            writer.WriteVarint(-1);
            return;
        }

        writer.WriteVarint(bytes.Length);
        writer.WriteRaw(bytes.Span);
    }
}
