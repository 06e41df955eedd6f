namespace Spool.Protocol.Records;

/// <summary>Reads record batches and their records, for clients, tools, tests and the group coordinator.</summary>
public static class RecordBatchReader
{
    /// <summary>
    /// The default bound on a batch's decompressed size. A few kilobytes of zstd can claim gigabytes; this is
    /// far above what real producers put in one batch and still safe to hold in memory.
    /// </summary>
    public const int DefaultMaxDecompressedBytes = 64 * 1024 * 1024;

    /// <summary>The complete batches of <paramref name="records"/> (a trailing partial batch is skipped).</summary>
    public static RecordBatchEnumerator ReadBatches(ReadOnlyMemory<byte> records) => new(records);

    /// <summary>Every record of every complete batch, in order; convenient for tests and tools.</summary>
    public static List<Record> ReadAllRecords(ReadOnlyMemory<byte> records, int maxDecompressedBytes = DefaultMaxDecompressedBytes)
    {
        var result = new List<Record>();
        foreach (var batch in ReadBatches(records))
        {
            foreach (var record in batch.Records(maxDecompressedBytes))
            {
                result.Add(record);
            }
        }

        return result;
    }
}
