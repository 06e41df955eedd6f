namespace Spool.Client.Producer;

/// <summary>
/// The 32-bit murmur2 hash exactly as Kafka's Java client computes it (seed 0x9747b28c), so keyed records
/// land on the same partitions as with Java and librdkafka's <c>murmur2_random</c> partitioner.
/// </summary>
public static class Murmur2
{
    private const uint Seed = 0x9747b28c;
    private const uint M = 0x5bd1e995;
    private const int R = 24;

    public static int Hash(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        var h = Seed ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        var tail = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                h ^= (uint)data[tail + 1] << 8;
                h ^= data[tail];
                h *= M;
                break;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                h ^= data[tail];
                h *= M;
                break;
            case 1:
                h ^= data[tail];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return (int)h;
    }

    /// <summary>Java's <c>Utils.toPositive</c>: clears the sign bit (not Math.Abs, which differs for negatives).</summary>
    public static int ToPositive(int value) => value & 0x7fffffff;

    /// <summary>The partition Java's default partitioner gives a key: toPositive(murmur2(key)) % partitions.</summary>
    public static int PartitionFor(ReadOnlySpan<byte> key, int partitionCount) => ToPositive(Hash(key)) % partitionCount;
}
