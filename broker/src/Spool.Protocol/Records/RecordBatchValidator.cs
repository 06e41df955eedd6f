using Spool.Protocol.Records.Compression;

namespace Spool.Protocol.Records;

/// <summary>
/// What a broker checks in a partition's records of a produce request before appending them, after Kafka's
/// ProduceRequest.validateRecords and LogValidator for magic v2: exactly one batch, magic 2 (older formats get
/// INVALID_RECORD as in Kafka 4), consistent lengths, CRC-32C (CORRUPT_MESSAGE), size against
/// max.message.bytes (MESSAGE_TOO_LARGE), base offset 0, no control batches from clients, sequence numbers
/// with producer ids, record count matching the offset deltas (INVALID_RECORD), and every record parsing
/// exactly (decompressed first when compressed). Never throws on bad input. Uncompressed batches are walked
/// over the span without allocating.
/// </summary>
public static class RecordBatchValidator
{
    private const int MinBatchLength = RecordBatchHeader.Size - RecordBatchHeader.LogOverhead;

    public static RecordValidationResult ValidateProduceBatch(ReadOnlySpan<byte> records, RecordValidationOptions? options = null)
    {
        options ??= RecordValidationOptions.Default;
        if (records.IsEmpty)
        {
            return RecordValidationResult.Fail(ErrorCode.InvalidRecord, "produce requests must have at least one record batch per partition");
        }

        if (records.Length <= RecordBatchHeader.MagicOffset)
        {
            return RecordValidationResult.Fail(ErrorCode.CorruptMessage, $"records of {records.Length} bytes are too short for a record batch");
        }

        var magic = records[RecordBatchHeader.MagicOffset];
        if (magic != RecordBatchHeader.CurrentMagic)
        {
            return magic < RecordBatchHeader.CurrentMagic
                ? RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"produce requests are only allowed to contain record batches with magic version 2 (found {magic})")
                : RecordValidationResult.Fail(ErrorCode.CorruptMessage, $"invalid magic {magic}");
        }

        if (records.Length < RecordBatchHeader.Size)
        {
            return RecordValidationResult.Fail(ErrorCode.CorruptMessage, $"record batch header is truncated ({records.Length} bytes)");
        }

        RecordBatchHeader.TryRead(records, out var header);
        if (header.BatchLength < MinBatchLength)
        {
            return RecordValidationResult.Fail(ErrorCode.CorruptMessage, $"record batch length {header.BatchLength} is below the minimum {MinBatchLength}", header);
        }

        var size = (long)RecordBatchHeader.LogOverhead + header.BatchLength;
        if (size > records.Length)
        {
            return RecordValidationResult.Fail(ErrorCode.CorruptMessage, $"record batch of {size} bytes is truncated to {records.Length}", header);
        }

        if (size > options.MaxBatchBytes)
        {
            return RecordValidationResult.Fail(ErrorCode.MessageTooLarge, $"record batch of {size} bytes exceeds the limit of {options.MaxBatchBytes} (max.message.bytes)", header);
        }

        if (size < records.Length)
        {
            return RecordValidationResult.Fail(ErrorCode.InvalidRecord, "produce requests are only allowed to contain exactly one record batch per partition", header);
        }

        if (header.BaseOffset != 0)
        {
            return RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"the base offset of a produced record batch must be 0, not {header.BaseOffset}", header);
        }

        if (RecordBatchHeader.ComputeCrc(records) != header.Crc)
        {
            return RecordValidationResult.Fail(ErrorCode.CorruptMessage, $"record batch CRC {header.Crc:x8} does not match its contents", header);
        }

        var batchError = CheckAttributes(header, options);
        if (batchError is { } failed)
        {
            return failed;
        }

        var body = records[RecordBatchHeader.Size..];
        if (header.Compression == CompressionType.None)
        {
            return CheckRecords(body, header, options);
        }

        using var decompressed = new KafkaWriter((int)Math.Min(options.MaxDecompressedBytes, Math.Max(1024L, body.Length * 4L)));
        var error = RecordCompression.Decompress(header.Compression, body, decompressed, options.MaxDecompressedBytes, out var message);
        return error != ErrorCode.None
            ? RecordValidationResult.Fail(error, message ?? error.ToString(), header)
            : CheckRecords(decompressed.WrittenSpan, header, options);
    }

    private static RecordValidationResult? CheckAttributes(in RecordBatchHeader header, RecordValidationOptions options)
    {
        if ((int)header.Compression > (int)CompressionType.Zstd)
        {
            return RecordValidationResult.Fail(ErrorCode.UnsupportedCompressionType, $"unknown compression type {(int)header.Compression}", header);
        }

        if (header.Compression == CompressionType.Zstd && !options.AllowZstd)
        {
            return RecordValidationResult.Fail(ErrorCode.UnsupportedCompressionType, "produce requests below version 7 are not allowed to use zstd compression", header);
        }

        if (!RecordCompression.IsSupported(header.Compression, out var reason))
        {
            return RecordValidationResult.Fail(ErrorCode.UnsupportedCompressionType, $"{header.Compression} is not available on this broker: {reason}", header);
        }

        if (header.IsControl)
        {
            return RecordValidationResult.Fail(ErrorCode.InvalidRecord, "clients are not allowed to write control records", header);
        }

        if (header.IsTransactional)
        {
            if (!options.AllowTransactional)
            {
                return RecordValidationResult.Fail(ErrorCode.InvalidTxnState, "transactional records are not supported by this broker", header);
            }

            if (!header.HasProducerId)
            {
                return RecordValidationResult.Fail(ErrorCode.InvalidRecord, "a transactional record batch needs a producer id", header);
            }
        }

        if (header.HasProducerId && header.BaseSequence < 0)
        {
            return RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"invalid sequence number {header.BaseSequence} in a record batch with producer id {header.ProducerId}", header);
        }

        if (header.RecordCount <= 0)
        {
            return RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"invalid record count {header.RecordCount}", header);
        }

        if ((long)header.LastOffsetDelta + 1 != header.RecordCount)
        {
            return RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"the batch's offset range (last offset delta {header.LastOffsetDelta}) does not match its record count {header.RecordCount}", header);
        }

        return null;
    }

    private static RecordValidationResult CheckRecords(ReadOnlySpan<byte> data, in RecordBatchHeader header, RecordValidationOptions options)
    {
        var position = 0;
        var maxTimestamp = long.MinValue;
        var offsetDeltaOfMax = -1;
        var checkTimestamps = header.TimestampType == TimestampType.CreateTime
            && (options.TimestampBeforeMaxMs != long.MaxValue || options.TimestampAfterMaxMs != long.MaxValue);
        for (var i = 0; i < header.RecordCount; i++)
        {
            if (position >= data.Length)
            {
                return RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"the batch declares {header.RecordCount} records but holds {i}", header, i);
            }

            if (!RecordParser.TryRead(data, ref position, out var record, out var error))
            {
                return RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"record {i}: {error}", header, i);
            }

            if (record.OffsetDelta != i)
            {
                return RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"record {i} has offset delta {record.OffsetDelta}; deltas must run 0, 1, 2, ...", header, i);
            }

            if (options.RequireKeys && record.KeyLength < 0)
            {
                return RecordValidationResult.Fail(ErrorCode.InvalidRecord, "compacted topic cannot accept a record without a key", header, i);
            }

            var timestamp = header.BaseTimestamp + record.TimestampDelta;
            if (checkTimestamps && timestamp != -1)
            {
                if (options.NowMs - timestamp > options.TimestampBeforeMaxMs || timestamp - options.NowMs > options.TimestampAfterMaxMs)
                {
                    return RecordValidationResult.Fail(ErrorCode.InvalidTimestamp, $"record {i} timestamp {timestamp} is out of the range the topic accepts around {options.NowMs}", header, i);
                }
            }

            if (timestamp > maxTimestamp)
            {
                maxTimestamp = timestamp;
                offsetDeltaOfMax = record.OffsetDelta;
            }
        }

        if (position != data.Length)
        {
            return RecordValidationResult.Fail(ErrorCode.InvalidRecord, $"{data.Length - position} bytes follow the {header.RecordCount} records the batch declares", header);
        }

        return RecordValidationResult.Ok(header, maxTimestamp, offsetDeltaOfMax);
    }
}
