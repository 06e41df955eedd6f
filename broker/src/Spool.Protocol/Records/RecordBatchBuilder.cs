using System.Buffers.Binary;
using System.Text;
using Spool.Protocol.Records.Compression;

namespace Spool.Protocol.Records;

/// <summary>
/// Builds one record batch (magic v2): records are encoded as they are appended, and <see cref="WriteTo"/>
/// compresses them, writes the header and computes the CRC. The first record's timestamp is the batch's base
/// timestamp; offsets are deltas from <see cref="BaseOffset"/>. Used by the .NET producer, the group
/// coordinator (__consumer_offsets records) and tests.
/// </summary>
public sealed class RecordBatchBuilder : IDisposable
{
    private readonly KafkaWriter _records = new(1024);
    private long _baseTimestamp;
    private long _maxTimestamp = -1;
    private int _lastOffsetDelta = -1;

    public RecordBatchBuilder(CompressionType compression = CompressionType.None, TimestampType timestampType = TimestampType.CreateTime)
    {
        if (!RecordCompression.IsSupported(compression, out var reason))
        {
            throw new NotSupportedException(reason);
        }

        Compression = compression;
        TimestampType = timestampType;
    }

    public CompressionType Compression { get; }

    public TimestampType TimestampType { get; }

    public long BaseOffset { get; init; }

    /// <summary>-1 from clients; the broker stamps the leader epoch on append.</summary>
    public int PartitionLeaderEpoch { get; init; } = -1;

    /// <summary>-1 when the producer is neither idempotent nor transactional.</summary>
    public long ProducerId { get; init; } = -1;

    public short ProducerEpoch { get; init; } = -1;

    /// <summary>The sequence number of the first record (idempotent producers), or -1.</summary>
    public int BaseSequence { get; init; } = -1;

    public bool IsTransactional { get; init; }

    /// <summary>A control batch (transaction markers): written by brokers, never accepted from clients.</summary>
    public bool IsControl { get; init; }

    public int Count { get; private set; }

    /// <summary>The batch's size if written uncompressed: what producers compare with their batch size limit.</summary>
    public int UncompressedSize => RecordBatchHeader.Size + _records.Length;

    /// <summary>Appends a record at the next offset. A null key or value is written as null, not empty.</summary>
    public void Append(long timestamp, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte>? value, IReadOnlyList<RecordHeader>? headers = null) =>
        AppendAtDelta(_lastOffsetDelta + 1, timestamp, key, value, headers);

    /// <summary>Appends a record at the next offset; a null array is written as null, not empty.</summary>
    public void Append(long timestamp, byte[]? key, byte[]? value, IReadOnlyList<RecordHeader>? headers = null) =>
        AppendAtDelta(_lastOffsetDelta + 1, timestamp, AsMemory(key), AsMemory(value), headers);

    /// <summary>
    /// Appends a record with an explicit offset, for rewriting batches that keep their records' offsets (e.g.
    /// compaction). Offsets must increase and not precede <see cref="BaseOffset"/>.
    /// </summary>
    public void AppendWithOffset(long offset, long timestamp, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte>? value, IReadOnlyList<RecordHeader>? headers = null)
    {
        var delta = offset - BaseOffset;
        if (delta <= _lastOffsetDelta || delta > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"offset {offset} must follow the previous record and lie within the batch's range");
        }

        AppendAtDelta((int)delta, timestamp, key, value, headers);
    }

    /// <summary>Writes the batch to <paramref name="destination"/> and returns its size.</summary>
    public int WriteTo(KafkaWriter destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (Count == 0)
        {
            throw new InvalidOperationException("a record batch needs at least one record");
        }

        var start = destination.Length;
        destination.WriteInt64(BaseOffset);
        var lengthAt = destination.ReserveInt32();
        destination.WriteInt32(PartitionLeaderEpoch);
        destination.WriteInt8((sbyte)RecordBatchHeader.CurrentMagic);
        destination.WriteUInt32(0); // CRC, computed below
        destination.WriteInt16(Attributes());
        destination.WriteInt32(_lastOffsetDelta);
        destination.WriteInt64(_baseTimestamp);
        destination.WriteInt64(_maxTimestamp);
        destination.WriteInt64(ProducerId);
        destination.WriteInt16(ProducerEpoch);
        destination.WriteInt32(BaseSequence);
        destination.WriteInt32(Count);
        RecordCompression.Compress(Compression, _records.WrittenSpan, destination);
        var size = destination.Length - start;
        destination.PatchInt32(lengthAt, size - RecordBatchHeader.LogOverhead);
        var batch = destination.WrittenSpanMutable(start, size);
        BinaryPrimitives.WriteUInt32BigEndian(batch[RecordBatchHeader.CrcOffset..], RecordBatchHeader.ComputeCrc(batch));
        return size;
    }

    /// <summary>The batch as a new array.</summary>
    public byte[] Build()
    {
        using var writer = new KafkaWriter(UncompressedSize);
        WriteTo(writer);
        return writer.ToArray();
    }

    public void Dispose() => _records.Dispose();

    private void AppendAtDelta(int offsetDelta, long timestamp, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte>? value, IReadOnlyList<RecordHeader>? headers)
    {
        if (Count == 0)
        {
            _baseTimestamp = timestamp;
        }

        var timestampDelta = timestamp - _baseTimestamp;
        var headerCount = headers?.Count ?? 0;
        var bodySize = 1 + VarlongSize(timestampDelta) + VarintSize(offsetDelta)
            + BlobSize(key) + BlobSize(value) + VarintSize(headerCount);
        for (var i = 0; i < headerCount; i++)
        {
            var header = headers![i];
            var keyBytes = Encoding.UTF8.GetByteCount(header.Key);
            bodySize += VarintSize(keyBytes) + keyBytes
                + (header.Value is null ? 1 : VarintSize(header.Value.Length) + header.Value.Length);
        }

        _records.WriteVarint(bodySize);
        _records.WriteInt8(0);
        _records.WriteVarlong(timestampDelta);
        _records.WriteVarint(offsetDelta);
        WriteBlob(key);
        WriteBlob(value);
        _records.WriteVarint(headerCount);
        for (var i = 0; i < headerCount; i++)
        {
            var header = headers![i];
            _records.WriteVarint(Encoding.UTF8.GetByteCount(header.Key));
            Encoding.UTF8.GetBytes(header.Key, _records);
            if (header.Value is null)
            {
                _records.WriteVarint(-1);
            }
            else
            {
                _records.WriteVarint(header.Value.Length);
                _records.WriteRaw(header.Value);
            }
        }

        _maxTimestamp = Count == 0 ? timestamp : Math.Max(_maxTimestamp, timestamp);
        _lastOffsetDelta = offsetDelta;
        Count++;
    }

    private short Attributes() =>
        (short)((int)Compression
            | (TimestampType == TimestampType.LogAppendTime ? 0x08 : 0)
            | (IsTransactional ? 0x10 : 0)
            | (IsControl ? 0x20 : 0));

    private void WriteBlob(ReadOnlyMemory<byte>? blob)
    {
        if (blob is not { } bytes)
        {
            _records.WriteVarint(-1);
            return;
        }

        _records.WriteVarint(bytes.Length);
        _records.WriteRaw(bytes.Span);
    }

    // byte[] (and the null literal, through it) converts implicitly to ReadOnlyMemory<byte> as empty memory: keep
    // null as null by typing it.
    private static ReadOnlyMemory<byte>? AsMemory(byte[]? bytes) => bytes is null ? default(ReadOnlyMemory<byte>?) : new ReadOnlyMemory<byte>(bytes);

    private static int BlobSize(ReadOnlyMemory<byte>? blob) => blob is { } bytes ? VarintSize(bytes.Length) + bytes.Length : 1;

    internal static int VarintSize(int value) => UnsignedSize((uint)((value << 1) ^ (value >> 31)));

    internal static int VarlongSize(long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        var size = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            size++;
        }

        return size;
    }

    private static int UnsignedSize(uint v)
    {
        var size = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            size++;
        }

        return size;
    }
}
