using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

/// <summary>
/// Builds v2 record batches for tests (uncompressed or gzip). Shared with the crash-writer child process.
/// TODO: use Spool.Protocol.Records.RecordBatchBuilder once it lands.
/// </summary>
internal static class TestBatch
{
    /// <summary>A batch of <paramref name="count"/> records whose values are "v{i}" and timestamps ts0 + i.</summary>
    public static byte[] Create(int count, long firstTimestamp = 1_000, int valueSize = 0, string? key = null, CompressionType compression = CompressionType.None, long[]? timestamps = null, int seed = 0)
    {
        var records = new List<(byte[]? Key, byte[] Value, long Timestamp)>();
        for (var i = 0; i < count; i++)
        {
            var value = valueSize > 0 ? Payload(seed + i, valueSize) : Encoding.UTF8.GetBytes($"v{seed + i}");
            records.Add((key is null ? null : Encoding.UTF8.GetBytes(key), value, timestamps?[i] ?? firstTimestamp + i));
        }

        return Build(records, compression);
    }

    /// <summary>Deterministic bytes for record <paramref name="id"/> so readers can verify contents.</summary>
    public static byte[] Payload(long id, int size)
    {
        var bytes = new byte[size];
        var state = (ulong)id * 0x9E3779B97F4A7C15UL + 1;
        for (var i = 0; i < size; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes[i] = (byte)state;
        }

        return bytes;
    }

    public static byte[] Build(IReadOnlyList<(byte[]? Key, byte[] Value, long Timestamp)> records, CompressionType compression = CompressionType.None)
    {
        var baseTimestamp = records[0].Timestamp;
        var maxTimestamp = records.Max(r => r.Timestamp);
        using var body = new MemoryStream();
        for (var i = 0; i < records.Count; i++)
        {
            var (key, value, timestamp) = records[i];
            using var record = new MemoryStream();
            record.WriteByte(0);
            WriteVarlong(record, timestamp - baseTimestamp);
            WriteVarlong(record, i);
            if (key is null)
            {
                WriteVarlong(record, -1);
            }
            else
            {
                WriteVarlong(record, key.Length);
                record.Write(key);
            }

            WriteVarlong(record, value.Length);
            record.Write(value);
            WriteVarlong(record, 0);
            WriteVarlong(body, record.Length);
            record.WriteTo(body);
        }

        var payload = body.ToArray();
        if (compression == CompressionType.Gzip)
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(payload);
            }

            payload = compressed.ToArray();
        }

        var batch = new byte[RecordBatchHeader.Size + payload.Length];
        var span = batch.AsSpan();
        BinaryPrimitives.WriteInt64BigEndian(span, 0);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatchHeader.BatchLengthOffset..], batch.Length - RecordBatchHeader.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatchHeader.PartitionLeaderEpochOffset..], -1);
        span[RecordBatchHeader.MagicOffset] = 2;
        BinaryPrimitives.WriteInt16BigEndian(span[RecordBatchHeader.AttributesOffset..], (short)compression);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatchHeader.LastOffsetDeltaOffset..], records.Count - 1);
        BinaryPrimitives.WriteInt64BigEndian(span[RecordBatchHeader.BaseTimestampOffset..], baseTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[RecordBatchHeader.MaxTimestampOffset..], maxTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(span[RecordBatchHeader.ProducerIdOffset..], -1);
        BinaryPrimitives.WriteInt16BigEndian(span[RecordBatchHeader.ProducerEpochOffset..], -1);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatchHeader.BaseSequenceOffset..], -1);
        BinaryPrimitives.WriteInt32BigEndian(span[RecordBatchHeader.RecordCountOffset..], records.Count);
        payload.CopyTo(span[RecordBatchHeader.Size..]);
        RecordBatchHeader.UpdateCrc(span);
        return batch;
    }

    /// <summary>Splits a buffer of whole batches into (header, bytes) pairs, checking each CRC.</summary>
    public static List<(RecordBatchHeader Header, byte[] Bytes)> Split(ReadOnlySpan<byte> data)
    {
        var result = new List<(RecordBatchHeader, byte[])>();
        while (!data.IsEmpty)
        {
            if (!RecordBatchHeader.TryRead(data, out var header) || header.TotalSize > data.Length)
            {
                throw new InvalidDataException("partial batch in read result");
            }

            var bytes = data[..header.TotalSize].ToArray();
            if (RecordBatchHeader.ComputeCrc(bytes) != header.Crc)
            {
                throw new InvalidDataException($"CRC mismatch in batch at offset {header.BaseOffset}");
            }

            result.Add((header, bytes));
            data = data[header.TotalSize..];
        }

        return result;
    }

    /// <summary>The values of an uncompressed batch's records.</summary>
    public static List<byte[]> Values(ReadOnlySpan<byte> batch)
    {
        RecordBatchHeader.TryRead(batch, out var header);
        var records = batch[RecordBatchHeader.Size..];
        var values = new List<byte[]>();
        var position = 0;
        for (var i = 0; i < header.RecordCount; i++)
        {
            var length = ReadVarlong(records, ref position);
            var start = position;
            position++;
            ReadVarlong(records, ref position);
            ReadVarlong(records, ref position);
            var keyLength = ReadVarlong(records, ref position);
            position += (int)Math.Max(0, keyLength);
            var valueLength = ReadVarlong(records, ref position);
            values.Add(records.Slice(position, (int)valueLength).ToArray());
            position = start + (int)length;
        }

        return values;
    }

    private static void WriteVarlong(Stream stream, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            stream.WriteByte((byte)(zigzag | 0x80));
            zigzag >>= 7;
        }

        stream.WriteByte((byte)zigzag);
    }

    private static long ReadVarlong(ReadOnlySpan<byte> data, ref int position)
    {
        ulong raw = 0;
        var shift = 0;
        while (true)
        {
            var b = data[position++];
            raw |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(raw >> 1) ^ -(long)(raw & 1);
            }

            shift += 7;
        }
    }
}
