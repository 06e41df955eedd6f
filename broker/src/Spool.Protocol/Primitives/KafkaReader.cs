using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Spool.Protocol;

/// <summary>
/// Forward-only decoder of Kafka primitive types over one contiguous frame. Records and slices refer to
/// the frame's memory without copying, so the frame must outlive them. Every read is bounds-checked and
/// every length is checked against what remains, so malformed input throws
/// <see cref="KafkaProtocolException"/> instead of allocating or reading past the end.
/// </summary>
public ref struct KafkaReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public KafkaReader(ReadOnlyMemory<byte> memory)
    {
        _memory = memory;
        _span = memory.Span;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _span.Length - _position;

    public readonly bool End => _position >= _span.Length;

    public readonly ReadOnlyMemory<byte> RemainingMemory => _memory[_position..];

    public bool ReadBool() => ReadByte() != 0;

    public sbyte ReadInt8() => (sbyte)ReadByte();

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public double ReadFloat64() => BinaryPrimitives.ReadDoubleBigEndian(Take(8));

    public Uuid ReadUuid() => Uuid.FromBytes(Take(16));

    /// <summary>Unsigned LEB128 varint, at most 5 bytes.</summary>
    public uint ReadUVarint()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new KafkaProtocolException("varint is longer than 5 bytes");
    }

    /// <summary>Unsigned LEB128 varlong, at most 10 bytes.</summary>
    public ulong ReadUVarlong()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new KafkaProtocolException("varlong is longer than 10 bytes");
    }

    /// <summary>Zig-zag signed varint.</summary>
    public int ReadVarint()
    {
        var v = ReadUVarint();
        return (int)(v >> 1) ^ -(int)(v & 1);
    }

    /// <summary>Zig-zag signed varlong.</summary>
    public long ReadVarlong()
    {
        var v = ReadUVarlong();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>An unsigned varint used as a length: checked against the bytes that remain.</summary>
    public int ReadLength()
    {
        var n = ReadUVarint();
        if (n > (uint)Remaining)
        {
            throw new KafkaProtocolException($"length {n} exceeds the {Remaining} bytes remaining");
        }

        return (int)n;
    }

    public string ReadString(bool compact) =>
        ReadNullableString(compact) ?? throw new KafkaProtocolException("non-nullable string was null");

    public string? ReadNullableString(bool compact)
    {
        int length;
        if (compact)
        {
            var n = ReadUVarint();
            if (n == 0)
            {
                return null;
            }

            length = CompactLength(n);
        }
        else
        {
            length = ReadInt16();
            if (length < 0)
            {
                return length == -1 ? null : throw new KafkaProtocolException($"invalid string length {length}");
            }
        }

        return length == 0 ? string.Empty : StrictUtf8.GetString(Take(length));
    }

    public byte[] ReadBytes(bool compact) =>
        ReadNullableBytes(compact) ?? throw new KafkaProtocolException("non-nullable bytes were null");

    public byte[]? ReadNullableBytes(bool compact)
    {
        var length = ReadBytesLength(compact);
        return length < 0 ? null : length == 0 ? Array.Empty<byte>() : Take(length).ToArray();
    }

    /// <summary>A records field: a slice of the frame (no copy). Null reads as empty.</summary>
    public ReadOnlyMemory<byte> ReadRecords(bool compact)
    {
        var length = ReadBytesLength(compact);
        if (length <= 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var slice = _memory.Slice(_position, length);
        _position += length;
        return slice;
    }

    /// <summary>Array length, or -1 for null. Checked so that a hostile count cannot force a huge allocation.</summary>
    public int ReadArrayLength(bool compact)
    {
        int count;
        if (compact)
        {
            var n = ReadUVarint();
            count = n == 0 ? -1 : CompactLength(n);
        }
        else
        {
            count = ReadInt32();
            if (count < -1)
            {
                throw new KafkaProtocolException($"invalid array length {count}");
            }
        }

        // Every element takes at least one byte on the wire.
        if (count > Remaining)
        {
            throw new KafkaProtocolException($"array length {count} exceeds the {Remaining} bytes remaining");
        }

        return count;
    }

    /// <summary>A reader over the next <paramref name="length"/> bytes; this reader moves past them.</summary>
    public KafkaReader Slice(int length)
    {
        if ((uint)length > (uint)Remaining)
        {
            throw new KafkaProtocolException($"slice of {length} exceeds the {Remaining} bytes remaining");
        }

        var sub = new KafkaReader(_memory.Slice(_position, length));
        _position += length;
        return sub;
    }

    public ReadOnlySpan<byte> ReadSpan(int length) => Take(length);

    public void Skip(int length) => Take(length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadByte()
    {
        if (_position >= _span.Length)
        {
            ThrowTruncated(1);
        }

        return _span[_position++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int length)
    {
        if ((uint)length > (uint)(_span.Length - _position))
        {
            ThrowTruncated(length);
        }

        var s = _span.Slice(_position, length);
        _position += length;
        return s;
    }

    private int ReadBytesLength(bool compact)
    {
        int length;
        if (compact)
        {
            var n = ReadUVarint();
            length = n == 0 ? -1 : CompactLength(n);
        }
        else
        {
            length = ReadInt32();
            if (length < -1)
            {
                throw new KafkaProtocolException($"invalid bytes length {length}");
            }
        }

        if (length > Remaining)
        {
            throw new KafkaProtocolException($"bytes length {length} exceeds the {Remaining} bytes remaining");
        }

        return length;
    }

    private static int CompactLength(uint n) =>
        n - 1 > int.MaxValue ? throw new KafkaProtocolException($"compact length {n} out of range") : (int)(n - 1);

    private readonly void ThrowTruncated(int wanted) =>
        throw new KafkaProtocolException($"truncated: wanted {wanted} bytes at offset {_position}, {Remaining} remain");
}
