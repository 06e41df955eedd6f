using System.Text;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

/// <summary>Batches of keyed records for compaction tests; a null value is a tombstone.</summary>
internal static class KeyedBatch
{
    public static byte[] Create(
        IEnumerable<(string Key, string? Value)> records,
        long timestamp = 1_000,
        CompressionType compression = CompressionType.None,
        long producerId = -1,
        short epoch = -1,
        int baseSequence = -1)
    {
        using var builder = new RecordBatchBuilder(compression) { ProducerId = producerId, ProducerEpoch = epoch, BaseSequence = baseSequence };
        var i = 0;
        foreach (var (key, value) in records)
        {
            builder.Append(timestamp + i++, Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value));
        }

        return builder.Build();
    }

    public static byte[] One(string key, string? value, long timestamp = 1_000, CompressionType compression = CompressionType.None) =>
        Create([(key, value)], timestamp, compression);
}
