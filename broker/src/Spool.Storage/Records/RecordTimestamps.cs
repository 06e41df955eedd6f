using System.Buffers;
using System.IO.Compression;
using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// Record-level timestamp search inside one batch (ListOffsets by timestamp and max timestamp). A minimal varint
/// walk over the records' timestamp and offset deltas; gzip batches are inflated with the framework.
/// TODO: switch to Spool.Protocol.Records.RecordBatchReader (and its codecs) once it lands, and drop this walk.
/// </summary>
internal static class RecordTimestamps
{
    /// <summary>
    /// Finds the first record with timestamp &gt;= <paramref name="target"/> and offset &gt;= <paramref name="minOffset"/>.
    /// For codecs this walk cannot read, answers with the batch's first eligible offset and its max timestamp.
    /// </summary>
    public static bool TryFindFirst(ReadOnlySpan<byte> batch, in RecordBatchHeader header, long target, long minOffset, out long offset, out long timestamp)
    {
        offset = -1;
        timestamp = -1;
        if (header.MaxTimestamp < target || header.LastOffset < minOffset)
        {
            return false;
        }

        if (header.TimestampType == TimestampType.LogAppendTime)
        {
            offset = Math.Max(header.BaseOffset, minOffset);
            timestamp = header.MaxTimestamp;
            return true;
        }

        var found = false;
        long foundOffset = -1, foundTimestamp = -1;
        var walked = Walk(batch, header, (recordOffset, recordTimestamp) =>
        {
            if (recordOffset >= minOffset && recordTimestamp >= target)
            {
                foundOffset = recordOffset;
                foundTimestamp = recordTimestamp;
                found = true;
                return false;
            }

            return true;
        });
        if (!walked)
        {
            offset = Math.Max(header.BaseOffset, minOffset);
            timestamp = header.MaxTimestamp;
            return true;
        }

        offset = foundOffset;
        timestamp = foundTimestamp;
        return found;
    }

    /// <summary>The offset of the first record carrying the batch's max timestamp (the batch's base offset when unreadable).</summary>
    public static long OffsetOfMaxTimestamp(ReadOnlySpan<byte> batch, in RecordBatchHeader header)
    {
        if (header.TimestampType == TimestampType.LogAppendTime)
        {
            return header.BaseOffset;
        }

        var max = header.MaxTimestamp;
        long result = header.BaseOffset;
        Walk(batch, header, (recordOffset, recordTimestamp) =>
        {
            if (recordTimestamp == max)
            {
                result = recordOffset;
                return false;
            }

            return true;
        });
        return result;
    }

    /// <summary>Calls <paramref name="visit"/>(offset, timestamp) per record until it returns false; false when unreadable.</summary>
    private static bool Walk(ReadOnlySpan<byte> batch, in RecordBatchHeader header, Func<long, long, bool> visit)
    {
        var records = batch[RecordBatchHeader.Size..];
        byte[]? inflated = null;
        try
        {
            switch (header.Compression)
            {
                case CompressionType.None:
                    break;
                case CompressionType.Gzip:
                    inflated = Inflate(records, out var length);
                    records = inflated.AsSpan(0, length);
                    break;
                default:
                    return false;
            }

            var position = 0;
            for (var i = 0; i < header.RecordCount; i++)
            {
                if (!Varint.TryReadLong(records, ref position, out var length) || length < 0 || position + length > records.Length)
                {
                    return false;
                }

                var body = position + 1;
                if (!Varint.TryReadLong(records, ref body, out var timestampDelta) || !Varint.TryReadLong(records, ref body, out var offsetDelta))
                {
                    return false;
                }

                position += (int)length;
                if (!visit(header.BaseOffset + offsetDelta, header.BaseTimestamp + timestampDelta))
                {
                    return true;
                }
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            if (inflated is not null)
            {
                ArrayPool<byte>.Shared.Return(inflated);
            }
        }
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, out int length)
    {
        using var input = new MemoryStream(compressed.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, compressed.Length * 4));
        length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = grown;
            }

            var read = gzip.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return buffer;
            }

            length += read;
        }
    }
}
