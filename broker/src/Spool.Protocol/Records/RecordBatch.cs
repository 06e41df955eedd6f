using Spool.Protocol.Records.Compression;

namespace Spool.Protocol.Records;

/// <summary>One record batch (magic v2) of a records buffer: its parsed header and its bytes.</summary>
public readonly struct RecordBatch
{
    public RecordBatch(RecordBatchHeader header, ReadOnlyMemory<byte> memory)
    {
        Header = header;
        Memory = memory;
    }

    public RecordBatchHeader Header { get; }

    /// <summary>The whole batch, from its base offset to its last byte.</summary>
    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>The records section as stored: compressed when the batch is.</summary>
    public ReadOnlyMemory<byte> RecordsMemory => Memory[RecordBatchHeader.Size..];

    public bool IsCrcValid => RecordBatchHeader.ComputeCrc(Memory.Span) == Header.Crc;

    /// <summary>
    /// The batch's records, decompressing first when needed (at most <paramref name="maxDecompressedBytes"/>).
    /// Enumeration throws <see cref="RecordFormatException"/> on malformed records; the CRC is not checked here.
    /// </summary>
    public RecordEnumerator Records(int maxDecompressedBytes = RecordBatchReader.DefaultMaxDecompressedBytes)
    {
        if (Header.RecordCount < 0)
        {
            throw new RecordFormatException(ErrorCode.InvalidRecord, $"record batch declares {Header.RecordCount} records");
        }

        var compression = Header.Compression;
        if (compression == CompressionType.None)
        {
            return new RecordEnumerator(Header, RecordsMemory);
        }

        using var output = new KafkaWriter((int)Math.Min(maxDecompressedBytes, Math.Max(256L, RecordsMemory.Length * 4L)));
        var error = RecordCompression.Decompress(compression, RecordsMemory.Span, output, maxDecompressedBytes, out var message);
        if (error != ErrorCode.None)
        {
            throw new RecordFormatException(error, message ?? error.ToString());
        }

        return new RecordEnumerator(Header, output.ToArray());
    }
}
