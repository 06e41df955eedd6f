using System.Buffers.Binary;
using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// Structural checks of a v2 record batch that storage makes itself before appending, whatever the caller
/// validated: framing (batchLength consistent with the buffer), magic 2, CRC-32C, lastOffsetDelta &gt;= 0.
/// </summary>
internal static class BatchCheck
{
    /// <summary>Bytes needed to read base offset, length, epoch, magic, CRC, attributes and lastOffsetDelta.</summary>
    public const int PrefixSize = RecordBatchHeader.LastOffsetDeltaOffset + 4;

    public const int MinBatchLength = RecordBatchHeader.Size - RecordBatchHeader.LogOverhead;

    /// <summary>
    /// Checks the batch at the start of <paramref name="data"/>; on success its total size is in <paramref name="size"/>.
    /// Without <paramref name="verifyCrc"/> everything but the CRC is checked (the caller verified it already).
    /// </summary>
    public static ErrorCode Check(ReadOnlySpan<byte> data, out RecordBatchHeader header, out int size, out string? message, bool verifyCrc = true)
    {
        header = default;
        size = 0;
        if (data.Length < RecordBatchHeader.LogOverhead)
        {
            message = $"Record batch is truncated: {data.Length} bytes left, a batch needs at least {RecordBatchHeader.Size}";
            return ErrorCode.CorruptMessage;
        }

        var batchLength = BinaryPrimitives.ReadInt32BigEndian(data[RecordBatchHeader.BatchLengthOffset..]);
        if (data.Length > RecordBatchHeader.MagicOffset && data[RecordBatchHeader.MagicOffset] is 0 or 1)
        {
            message = $"Record batch magic {data[RecordBatchHeader.MagicOffset]} is not supported: only magic v2 record batches are accepted";
            return ErrorCode.UnsupportedForMessageFormat;
        }

        if (batchLength < MinBatchLength)
        {
            message = $"Record batch length {batchLength} is smaller than the minimum {MinBatchLength}";
            return ErrorCode.CorruptMessage;
        }

        if (batchLength > data.Length - RecordBatchHeader.LogOverhead)
        {
            message = $"Record batch length {batchLength} exceeds the {data.Length - RecordBatchHeader.LogOverhead} bytes available";
            return ErrorCode.CorruptMessage;
        }

        RecordBatchHeader.TryRead(data, out header);
        size = RecordBatchHeader.LogOverhead + batchLength;
        if (header.Magic != RecordBatchHeader.CurrentMagic)
        {
            message = $"Record batch magic {header.Magic} is invalid";
            return ErrorCode.CorruptMessage;
        }

        if (header.LastOffsetDelta < 0)
        {
            message = $"Record batch lastOffsetDelta {header.LastOffsetDelta} is negative";
            return ErrorCode.CorruptMessage;
        }

        if (verifyCrc && RecordBatchHeader.ComputeCrc(data[..size]) != header.Crc)
        {
            message = "Record batch CRC-32C does not match its contents";
            return ErrorCode.CorruptMessage;
        }

        message = null;
        return ErrorCode.None;
    }
}
