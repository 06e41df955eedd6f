namespace Spool.Protocol.Records;

/// <summary>What the broker's topic and request allow a produced batch to be (Kafka's topic config names in the docs).</summary>
public sealed class RecordValidationOptions
{
    public static RecordValidationOptions Default { get; } = new();

    /// <summary>max.message.bytes: the largest batch accepted (Kafka's default 1048588).</summary>
    public int MaxBatchBytes { get; init; } = 1048588;

    /// <summary>The bound on a compressed batch's decompressed records (guards against compression bombs).</summary>
    public int MaxDecompressedBytes { get; init; } = RecordBatchReader.DefaultMaxDecompressedBytes;

    /// <summary>Produce requests below v7 may not carry zstd batches (KIP-110).</summary>
    public bool AllowZstd { get; init; } = true;

    /// <summary>Transactional batches: Spool does not run transactions, so they are refused by default.</summary>
    public bool AllowTransactional { get; init; }

    /// <summary>Compacted topics need a key on every record.</summary>
    public bool RequireKeys { get; init; }

    /// <summary>The broker's clock (ms) for the timestamp bounds below; CreateTime batches only.</summary>
    public long NowMs { get; init; }

    /// <summary>message.timestamp.before.max.ms: how far in the past a record's timestamp may be.</summary>
    public long TimestampBeforeMaxMs { get; init; } = long.MaxValue;

    /// <summary>message.timestamp.after.max.ms: how far in the future a record's timestamp may be.</summary>
    public long TimestampAfterMaxMs { get; init; } = long.MaxValue;
}
