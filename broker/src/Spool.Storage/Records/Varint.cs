namespace Spool.Storage;

/// <summary>Zig-zag varint/varlong decoding for the minimal record walk (see <see cref="RecordTimestamps"/>).</summary>
internal static class Varint
{
    public static bool TryReadLong(ReadOnlySpan<byte> data, ref int position, out long value)
    {
        ulong raw = 0;
        var shift = 0;
        while (position < data.Length && shift < 70)
        {
            var b = data[position++];
            raw |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                value = (long)(raw >> 1) ^ -(long)(raw & 1);
                return true;
            }

            shift += 7;
        }

        value = 0;
        return false;
    }
}
