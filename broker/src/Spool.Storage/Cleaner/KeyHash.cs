using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Spool.Storage;

/// <summary>
/// A 128-bit digest of a record key, what the cleaner's offset map stores instead of the key (as Kafka stores an MD5):
/// a fixed 16 bytes per key however long keys are, with a collision chance far below that of a disk error.
/// </summary>
internal readonly record struct KeyHash(long High, long Low)
{
    public static KeyHash Of(ReadOnlySpan<byte> key)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key, digest);
        return new KeyHash(BinaryPrimitives.ReadInt64LittleEndian(digest), BinaryPrimitives.ReadInt64LittleEndian(digest[8..]));
    }
}
