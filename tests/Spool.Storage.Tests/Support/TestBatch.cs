using System.Text;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

/// <summary>
/// Builds v2 record batches for tests with the shared <see cref="RecordBatchBuilder"/>. Shared with the crash-writer
/// child process.
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
        using var builder = new RecordBatchBuilder(compression);
        foreach (var (key, value, timestamp) in records)
        {
            builder.Append(timestamp, key, value);
        }

        return builder.Build();
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

    /// <summary>The values of a batch's records.</summary>
    public static List<byte[]> Values(byte[] batch)
    {
        RecordBatchHeader.TryRead(batch, out var header);
        var values = new List<byte[]>();
        foreach (var record in new RecordBatch(header, batch).Records())
        {
            values.Add(record.Value!.Value.ToArray());
        }

        return values;
    }
}
