using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Spool.Protocol;

/// <summary>
/// Encoder of Kafka primitive types into a growable buffer rented from <see cref="ArrayPool{T}"/>.
/// Dispose returns the buffer. Frames reserve their 4-byte size prefix up front and fill it in last
/// (<see cref="ReserveInt32"/>/<see cref="PatchInt32"/>), so a message is encoded in one pass.
/// </summary>
public sealed class KafkaWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _length;

    public KafkaWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, initialCapacity));
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Reset() => _length = 0;

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt8(sbyte value) => WriteByte((byte)value);

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Grow(2), value);

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Grow(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Grow(8), value);

    public void WriteFloat64(double value) => BinaryPrimitives.WriteDoubleBigEndian(Grow(8), value);

    public void WriteUuid(Uuid value) => value.WriteBytes(Grow(16));

    public void WriteUVarint(uint value)
    {
        var span = GetSpan(5);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _length += i;
    }

    public void WriteUVarlong(ulong value)
    {
        var span = GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _length += i;
    }

    public void WriteVarint(int value) => WriteUVarint((uint)((value << 1) ^ (value >> 31)));

    public void WriteVarlong(long value) => WriteUVarlong((ulong)((value << 1) ^ (value >> 63)));

    public void WriteString(string value, bool compact) => WriteNullableString(value, compact);

    public void WriteNullableString(string? value, bool compact)
    {
        if (value is null)
        {
            if (compact)
            {
                WriteUVarint(0);
            }
            else
            {
                WriteInt16(-1);
            }

            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        if (compact)
        {
            WriteUVarint((uint)byteCount + 1);
        }
        else
        {
            if (byteCount > short.MaxValue)
            {
                throw new KafkaProtocolException($"string of {byteCount} bytes is too long for a non-compact string");
            }

            WriteInt16((short)byteCount);
        }

        Encoding.UTF8.GetBytes(value, Grow(byteCount));
    }

    public void WriteBytes(ReadOnlySpan<byte> value, bool compact)
    {
        if (compact)
        {
            WriteUVarint((uint)value.Length + 1);
        }
        else
        {
            WriteInt32(value.Length);
        }

        WriteRaw(value);
    }

    public void WriteNullableBytes(byte[]? value, bool compact)
    {
        if (value is null)
        {
            if (compact)
            {
                WriteUVarint(0);
            }
            else
            {
                WriteInt32(-1);
            }

            return;
        }

        WriteBytes(value, compact);
    }

    public void WriteArrayLength(int count, bool compact)
    {
        if (compact)
        {
            WriteUVarint((uint)count + 1);
        }
        else
        {
            WriteInt32(count);
        }
    }

    public void WriteNullArrayLength(bool compact)
    {
        if (compact)
        {
            WriteUVarint(0);
        }
        else
        {
            WriteInt32(-1);
        }
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grow(bytes.Length));

    /// <summary>Reserves 4 bytes (e.g. a size prefix) and returns their position for <see cref="PatchInt32"/>.</summary>
    public int ReserveInt32()
    {
        var at = _length;
        Grow(4);
        return at;
    }

    public void PatchInt32(int position, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(position, 4), value);

    /// <summary>
    /// Inserts, at <paramref name="start"/>, the unsigned-varint length of everything written since then. Tagged
    /// fields are size-prefixed with a varint whose width is only known after the value is encoded; writing the
    /// value in place and shifting it avoids a scratch buffer per field.
    /// </summary>
    public void InsertUVarintLength(int start)
    {
        if ((uint)start > (uint)_length)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }

        var length = (uint)(_length - start);
        var prefix = 1;
        for (var v = length; v >= 0x80; v >>= 7)
        {
            prefix++;
        }

        EnsureCapacity(prefix);
        _buffer.AsSpan(start, (int)length).CopyTo(_buffer.AsSpan(start + prefix));
        var i = start;
        var value = length;
        while (value >= 0x80)
        {
            _buffer[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[i] = (byte)value;
        _length += prefix;
    }

    public Span<byte> WrittenSpanMutable(int start, int length) => _buffer.AsSpan(start, length);

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _length))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    public void Dispose()
    {
        var b = _buffer;
        _buffer = Array.Empty<byte>();
        _length = 0;
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte value)
    {
        if (_length >= _buffer.Length)
        {
            EnsureCapacity(1);
        }

        _buffer[_length++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Grow(int count)
    {
        if (_buffer.Length - _length < count)
        {
            EnsureCapacity(count);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void EnsureCapacity(int extra)
    {
        if (_buffer.Length - _length >= extra)
        {
            return;
        }

        var needed = checked(_length + extra);
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
