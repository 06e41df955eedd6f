using System.Buffers.Binary;

namespace Spool.Protocol.Records;

/// <summary>
/// The fixed 61-byte header of a record batch (magic v2). Offsets of each field are constants so that
/// storage can patch a batch in place (base offset, leader epoch, max timestamp) without re-encoding.
/// The CRC covers everything from <see cref="AttributesOffset"/> to the end of the batch, so the base
/// offset and leader epoch can change without recomputing it.
/// </summary>
public readonly struct RecordBatchHeader
{
    public const int BaseOffsetOffset = 0;
    public const int BatchLengthOffset = 8;
    public const int PartitionLeaderEpochOffset = 12;
    public const int MagicOffset = 16;
    public const int CrcOffset = 17;
    public const int AttributesOffset = 21;
    public const int LastOffsetDeltaOffset = 23;
    public const int BaseTimestampOffset = 27;
    public const int MaxTimestampOffset = 35;
    public const int ProducerIdOffset = 43;
    public const int ProducerEpochOffset = 51;
    public const int BaseSequenceOffset = 53;
    public const int RecordCountOffset = 57;

    /// <summary>Size of the header; records follow.</summary>
    public const int Size = 61;

    /// <summary>Bytes before the batch-length field's payload: baseOffset + batchLength.</summary>
    public const int LogOverhead = 12;

    public const byte CurrentMagic = 2;

    public long BaseOffset { get; init; }

    /// <summary>Bytes after the batchLength field (the whole batch is <see cref="LogOverhead"/> + this).</summary>
    public int BatchLength { get; init; }

    public int PartitionLeaderEpoch { get; init; }

    public byte Magic { get; init; }

    public uint Crc { get; init; }

    public short Attributes { get; init; }

    public int LastOffsetDelta { get; init; }

    public long BaseTimestamp { get; init; }

    public long MaxTimestamp { get; init; }

    public long ProducerId { get; init; }

    public short ProducerEpoch { get; init; }

    public int BaseSequence { get; init; }

    public int RecordCount { get; init; }

    public int TotalSize => LogOverhead + BatchLength;

    public long LastOffset => BaseOffset + LastOffsetDelta;

    public long NextOffset => LastOffset + 1;

    public CompressionType Compression => (CompressionType)(Attributes & 0x07);

    public TimestampType TimestampType => (Attributes & 0x08) != 0 ? TimestampType.LogAppendTime : TimestampType.CreateTime;

    public bool IsTransactional => (Attributes & 0x10) != 0;

    public bool IsControl => (Attributes & 0x20) != 0;

    public bool HasDeleteHorizon => (Attributes & 0x40) != 0;

    public bool HasProducerId => ProducerId >= 0;

    /// <summary>Reads the header's magic byte only (present in every message format at the same position).</summary>
    public static bool TryReadMagic(ReadOnlySpan<byte> batch, out byte magic)
    {
        magic = 0;
        if (batch.Length <= MagicOffset)
        {
            return false;
        }

        magic = batch[MagicOffset];
        return true;
    }

    /// <summary>Parses the header fields; does not check the CRC or the size against the span.</summary>
    public static bool TryRead(ReadOnlySpan<byte> batch, out RecordBatchHeader header)
    {
        if (batch.Length < Size)
        {
            header = default;
            return false;
        }

        header = new RecordBatchHeader
        {
            BaseOffset = BinaryPrimitives.ReadInt64BigEndian(batch),
            BatchLength = BinaryPrimitives.ReadInt32BigEndian(batch[BatchLengthOffset..]),
            PartitionLeaderEpoch = BinaryPrimitives.ReadInt32BigEndian(batch[PartitionLeaderEpochOffset..]),
            Magic = batch[MagicOffset],
            Crc = BinaryPrimitives.ReadUInt32BigEndian(batch[CrcOffset..]),
            Attributes = BinaryPrimitives.ReadInt16BigEndian(batch[AttributesOffset..]),
            LastOffsetDelta = BinaryPrimitives.ReadInt32BigEndian(batch[LastOffsetDeltaOffset..]),
            BaseTimestamp = BinaryPrimitives.ReadInt64BigEndian(batch[BaseTimestampOffset..]),
            MaxTimestamp = BinaryPrimitives.ReadInt64BigEndian(batch[MaxTimestampOffset..]),
            ProducerId = BinaryPrimitives.ReadInt64BigEndian(batch[ProducerIdOffset..]),
            ProducerEpoch = BinaryPrimitives.ReadInt16BigEndian(batch[ProducerEpochOffset..]),
            BaseSequence = BinaryPrimitives.ReadInt32BigEndian(batch[BaseSequenceOffset..]),
            RecordCount = BinaryPrimitives.ReadInt32BigEndian(batch[RecordCountOffset..]),
        };
        return true;
    }

    /// <summary>CRC-32C of the batch from the attributes to its end, as stored in the header.</summary>
    public static uint ComputeCrc(ReadOnlySpan<byte> batch) => Crc32C.Compute(batch[AttributesOffset..]);

    public static void SetBaseOffset(Span<byte> batch, long baseOffset) =>
        BinaryPrimitives.WriteInt64BigEndian(batch, baseOffset);

    public static void SetPartitionLeaderEpoch(Span<byte> batch, int epoch) =>
        BinaryPrimitives.WriteInt32BigEndian(batch[PartitionLeaderEpochOffset..], epoch);

    /// <summary>Stamps LogAppendTime: sets the timestamp-type bit and max timestamp, then rewrites the CRC.</summary>
    public static void SetLogAppendTime(Span<byte> batch, long timestamp)
    {
        var attributes = BinaryPrimitives.ReadInt16BigEndian(batch[AttributesOffset..]);
        BinaryPrimitives.WriteInt16BigEndian(batch[AttributesOffset..], (short)(attributes | 0x08));
        BinaryPrimitives.WriteInt64BigEndian(batch[MaxTimestampOffset..], timestamp);
        UpdateCrc(batch);
    }

    /// <summary>
    /// Sets the max timestamp (Kafka stores the one computed from the records, not the client's) and rewrites
    /// the CRC.
    /// </summary>
    public static void SetMaxTimestamp(Span<byte> batch, long timestamp)
    {
        BinaryPrimitives.WriteInt64BigEndian(batch[MaxTimestampOffset..], timestamp);
        UpdateCrc(batch);
    }

    public static void UpdateCrc(Span<byte> batch) =>
        BinaryPrimitives.WriteUInt32BigEndian(batch[CrcOffset..], ComputeCrc(batch));
}
