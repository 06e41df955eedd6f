using System.Runtime.CompilerServices;

namespace Spool.Protocol.Records;

/// <summary>
/// Walks the records of a batch (record format v2) over a span without allocating: length varint, attributes,
/// timestamp delta varlong, offset delta varint, key, value, headers. Every read is bounded by the record's
/// declared length, and the fields must fill it exactly. Negative key, value and header-value lengths mean
/// null, as Kafka reads them.
/// </summary>
internal static class RecordParser
{
    public static bool TryRead(ReadOnlySpan<byte> data, ref int position, out ParsedRecord record, out string? error)
    {
        record = default;
        var p = position;
        if (!TryReadVarint(data, ref p, data.Length, out var length))
        {
            error = "record length varint is malformed or truncated";
            return false;
        }

        if (length <= 0 || length > data.Length - p)
        {
            error = $"record length {length} does not fit the {data.Length - p} bytes remaining";
            return false;
        }

        var end = p + length;
        p++; // attributes: unused in format v2
        if (!TryReadVarlong(data, ref p, end, out var timestampDelta)
            || !TryReadVarint(data, ref p, end, out var offsetDelta)
            || !TryReadBlob(data, ref p, end, out var keyOffset, out var keyLength)
            || !TryReadBlob(data, ref p, end, out var valueOffset, out var valueLength)
            || !TryReadVarint(data, ref p, end, out var headerCount))
        {
            error = "record fields run past the record's declared length";
            return false;
        }

        if (headerCount < 0)
        {
            error = $"invalid record header count {headerCount}";
            return false;
        }

        var headersOffset = p;
        for (var i = 0; i < headerCount; i++)
        {
            if (!TryReadVarint(data, ref p, end, out var keySize) || keySize < 0 || keySize > end - p)
            {
                error = "record header key is malformed";
                return false;
            }

            p += keySize;
            if (!TryReadBlob(data, ref p, end, out _, out _))
            {
                error = "record header value runs past the record's declared length";
                return false;
            }
        }

        if (p != end)
        {
            error = $"record has {end - p} bytes beyond its fields";
            return false;
        }

        record = new ParsedRecord
        {
            TimestampDelta = timestampDelta,
            OffsetDelta = offsetDelta,
            KeyOffset = keyOffset,
            KeyLength = keyLength,
            ValueOffset = valueOffset,
            ValueLength = valueLength,
            HeadersOffset = headersOffset,
            HeaderCount = headerCount,
        };
        position = end;
        error = null;
        return true;
    }

    /// <summary>Reads headers of a record that <see cref="TryRead"/> accepted.</summary>
    public static RecordHeader[] ReadHeaders(ReadOnlySpan<byte> data, in ParsedRecord record)
    {
        if (record.HeaderCount == 0)
        {
            return [];
        }

        var headers = new RecordHeader[record.HeaderCount];
        var p = record.HeadersOffset;
        for (var i = 0; i < headers.Length; i++)
        {
            TryReadVarint(data, ref p, data.Length, out var keySize);
            var key = System.Text.Encoding.UTF8.GetString(data.Slice(p, keySize));
            p += keySize;
            TryReadBlob(data, ref p, data.Length, out var valueOffset, out var valueLength);
            headers[i] = new RecordHeader(key, valueLength < 0 ? null : data.Slice(valueOffset, valueLength).ToArray());
        }

        return headers;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadVarint(ReadOnlySpan<byte> data, ref int position, int limit, out int value)
    {
        uint raw = 0;
        var p = position;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (p >= limit)
            {
                value = 0;
                return false;
            }

            var b = data[p++];
            raw |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                position = p;
                value = (int)(raw >> 1) ^ -(int)(raw & 1);
                return true;
            }
        }

        value = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadVarlong(ReadOnlySpan<byte> data, ref int position, int limit, out long value)
    {
        ulong raw = 0;
        var p = position;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (p >= limit)
            {
                value = 0;
                return false;
            }

            var b = data[p++];
            raw |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                position = p;
                value = (long)(raw >> 1) ^ -(long)(raw & 1);
                return true;
            }
        }

        value = 0;
        return false;
    }

    private static bool TryReadBlob(ReadOnlySpan<byte> data, ref int position, int limit, out int offset, out int length)
    {
        offset = -1;
        if (!TryReadVarint(data, ref position, limit, out length))
        {
            return false;
        }

        if (length < 0)
        {
            length = -1;
            return true;
        }

        if (length > limit - position)
        {
            return false;
        }

        offset = position;
        position += length;
        return true;
    }
}
