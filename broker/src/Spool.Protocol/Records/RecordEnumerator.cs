namespace Spool.Protocol.Records;

/// <summary>
/// Enumerates the records of one batch (usable with foreach). Throws <see cref="RecordFormatException"/>
/// when a record does not parse or the record count does not match the bytes.
/// </summary>
public struct RecordEnumerator
{
    private readonly RecordBatchHeader _header;
    private readonly ReadOnlyMemory<byte> _data;
    private int _position;
    private int _index;

    internal RecordEnumerator(RecordBatchHeader header, ReadOnlyMemory<byte> data)
    {
        _header = header;
        _data = data;
        _position = 0;
        _index = 0;
        Current = default;
    }

    public Record Current { get; private set; }

    public readonly RecordEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        var span = _data.Span;
        if (_index >= _header.RecordCount)
        {
            if (_position != span.Length)
            {
                throw new RecordFormatException(ErrorCode.InvalidRecord, $"{span.Length - _position} bytes follow the {_header.RecordCount} records the batch declares");
            }

            return false;
        }

        if (!RecordParser.TryRead(span, ref _position, out var parsed, out var error))
        {
            throw new RecordFormatException(ErrorCode.InvalidRecord, $"record {_index} of the batch at offset {_header.BaseOffset}: {error}");
        }

        _index++;
        var timestamp = _header.TimestampType == TimestampType.LogAppendTime
            ? _header.MaxTimestamp
            : _header.BaseTimestamp + parsed.TimestampDelta;
        // A bare null would convert to empty memory (through ReadOnlyMemory's conversion from arrays), not to null.
        Current = new Record(
            _header.BaseOffset + parsed.OffsetDelta,
            timestamp,
            parsed.KeyLength < 0 ? default(ReadOnlyMemory<byte>?) : _data.Slice(parsed.KeyOffset, parsed.KeyLength),
            parsed.ValueLength < 0 ? default(ReadOnlyMemory<byte>?) : _data.Slice(parsed.ValueOffset, parsed.ValueLength),
            RecordParser.ReadHeaders(span, parsed));
        return true;
    }
}
