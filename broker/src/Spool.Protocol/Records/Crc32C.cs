using System.Buffers.Binary;
using System.Numerics;

namespace Spool.Protocol.Records;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of record batch v2. <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// compiles to the SSE4.2 / ARMv8 CRC instruction where the CPU has one.
/// </summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC over more data (<paramref name="crc"/> is a previous result, or 0 to start).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        if (data.Length >= 4)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[4..];
        }

        foreach (var b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return ~state;
    }
}
