using System.Buffers.Binary;

namespace Spool.Protocol.Records;

/// <summary>
/// Enumerates the complete batches of a records buffer (usable with foreach). A partial batch at the end is
/// not returned: fetch responses may end with one, and <see cref="Position"/> tells where it starts. A batch
/// whose length is impossible or whose magic is not 2 throws <see cref="RecordFormatException"/>.
/// </summary>
public struct RecordBatchEnumerator
{
    private readonly ReadOnlyMemory<byte> _buffer;

    internal RecordBatchEnumerator(ReadOnlyMemory<byte> buffer)
    {
        _buffer = buffer;
        Position = 0;
        Current = default;
    }

    public RecordBatch Current { get; private set; }

    /// <summary>Bytes of the buffer taken by the batches returned so far.</summary>
    public int Position { get; private set; }

    public readonly RecordBatchEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        var rest = _buffer.Span[Position..];
        if (rest.Length < RecordBatchHeader.LogOverhead)
        {
            return false;
        }

        var batchLength = BinaryPrimitives.ReadInt32BigEndian(rest[RecordBatchHeader.BatchLengthOffset..]);
        if (rest.Length > RecordBatchHeader.MagicOffset)
        {
            var magic = rest[RecordBatchHeader.MagicOffset];
            if (magic != RecordBatchHeader.CurrentMagic)
            {
                throw new RecordFormatException(
                    magic < RecordBatchHeader.CurrentMagic ? ErrorCode.UnsupportedForMessageFormat : ErrorCode.CorruptMessage,
                    $"record batch at byte {Position} has magic {magic}; only magic 2 is supported");
            }
        }

        if (batchLength < RecordBatchHeader.Size - RecordBatchHeader.LogOverhead)
        {
            throw new RecordFormatException(ErrorCode.CorruptMessage, $"record batch at byte {Position} declares length {batchLength}, below the minimum");
        }

        if (rest.Length - RecordBatchHeader.LogOverhead < batchLength)
        {
            return false;
        }

        var size = RecordBatchHeader.LogOverhead + batchLength;
        RecordBatchHeader.TryRead(rest, out var header);
        Current = new RecordBatch(header, _buffer.Slice(Position, size));
        Position += size;
        return true;
    }
}
