namespace Spool.Protocol.Records;

/// <summary>
/// One record of a batch, as read back: absolute offset and timestamp, key and value (null is distinct from
/// empty) and headers. Key and value are slices of the batch buffer (or of its decompressed form), not copies.
/// </summary>
public readonly struct Record
{
    private readonly IReadOnlyList<RecordHeader>? _headers;

    public Record(long offset, long timestamp, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte>? value, IReadOnlyList<RecordHeader>? headers)
    {
        Offset = offset;
        Timestamp = timestamp;
        Key = key;
        Value = value;
        _headers = headers;
    }

    public long Offset { get; }

    public long Timestamp { get; }

    /// <summary>The key, or null for a record without one.</summary>
    public ReadOnlyMemory<byte>? Key { get; }

    /// <summary>The value, or null (a tombstone on compacted topics).</summary>
    public ReadOnlyMemory<byte>? Value { get; }

    public IReadOnlyList<RecordHeader> Headers => _headers ?? [];
}
