using Spool.Protocol;

namespace Spool.Storage.Tests;

/// <summary>
/// The workload of the kill -9 test, shared by the child writer and the checking test: record values are derived
/// from their offsets, so every byte read back after recovery can be verified.
/// </summary>
internal static class CrashWorkload
{
    public const int FlushEvery = 10;

    public static readonly TopicPartition Partition = new("crash", 0);

    public static readonly Uuid TopicId = new(0x5370_6f6f_6c00_0001, 0x0000_0000_0000_0042);

    public static LogConfig Config() => LogConfig.Create(new Dictionary<string, string?>
    {
        ["segment.bytes"] = (8 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["index.interval.bytes"] = "4096",
        ["max.message.bytes"] = (8 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>
    /// Records per batch vary with the batch number. Values are large (up to ~3 MB per batch) and cheap to make, so
    /// the writer spends much of its time inside the write call and a kill often leaves a torn batch behind.
    /// </summary>
    public static byte[] Batch(long firstOffset, int batchNumber)
    {
        var count = 1 + (batchNumber % 8);
        var records = new List<(byte[]? Key, byte[] Value, long Timestamp)>(count);
        for (var i = 0; i < count; i++)
        {
            var offset = firstOffset + i;
            records.Add((null, Value(offset), 1_700_000_000_000 + offset));
        }

        return TestBatch.Build(records);
    }

    public static byte[] Value(long offset)
    {
        var value = new byte[1000 + (int)(offset % 13 * 30_000)];
        value.AsSpan().Fill((byte)(offset * 31));
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(value, offset);
        return value;
    }
}
