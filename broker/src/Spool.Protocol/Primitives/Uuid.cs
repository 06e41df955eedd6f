using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Spool.Protocol;

/// <summary>
/// Kafka's 128-bit UUID (topic ids, directory ids): two big-endian longs on the wire, shown as
/// URL-safe base64 without padding (22 characters), as Kafka prints it.
/// </summary>
public readonly record struct Uuid(long MostSignificantBits, long LeastSignificantBits)
{
    public static Uuid Zero => default;

    public bool IsZero => MostSignificantBits == 0 && LeastSignificantBits == 0;

    /// <summary>A random version-4 UUID that is neither zero nor Kafka's reserved METADATA_TOPIC_ID (1).</summary>
    public static Uuid NewRandom()
    {
        Span<byte> bytes = stackalloc byte[16];
        while (true)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
            bytes[6] = (byte)((bytes[6] & 0x0f) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
            var id = FromBytes(bytes);
            if (!id.IsZero && id != new Uuid(0, 1) && !id.ToString().StartsWith('-'))
            {
                return id;
            }
        }
    }

    public static Uuid FromBytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));

    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64BigEndian(destination, MostSignificantBits);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], LeastSignificantBits);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out Uuid value)
    {
        value = Zero;
        if (text is null || text.Length != 22)
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/') + "==";
        Span<byte> bytes = stackalloc byte[18];
        if (!Convert.TryFromBase64String(padded, bytes, out var written) || written != 16)
        {
            return false;
        }

        value = FromBytes(bytes);
        return true;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        WriteBytes(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
