using Spool.Protocol;

namespace Spool.Storage.Tests;

/// <summary>
/// The workload of the kill -9 test, shared by the child writer and the checking test: record values are derived
/// from their offsets, so every byte read back after recovery can be verified.
/// </summary>
internal static class CrashWorkload
{
    public const int FlushEvery = 25;

    public static readonly TopicPartition Partition = new("crash", 0);

    public static readonly Uuid TopicId = new(0x5370_6f6f_6c00_0001, 0x0000_0000_0000_0042);

    public static LogConfig Config() => LogConfig.Create(new Dictionary<string, string?>
    {
        ["segment.bytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["index.interval.bytes"] = "4096",
        ["max.message.bytes"] = (4 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>Records per batch varies with the batch number; large values make a kill likely to land mid-write.</summary>
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

    public static byte[] Value(long offset) => TestBatch.Payload(offset, 1000 + (int)(offset % 13 * 1500));
}
