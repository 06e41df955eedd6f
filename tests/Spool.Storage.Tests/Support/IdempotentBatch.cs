using System.Text;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

/// <summary>Batches as an idempotent producer sends them: producer id, epoch and the sequence of the first record.</summary>
internal static class IdempotentBatch
{
    /// <summary>
    /// A batch of <paramref name="count"/> records; timestamps default to now, as a producer's are (Kafka expires a
    /// producer by the timestamp of its last batch, so ancient timestamps would make it expire at once).
    /// </summary>
    public static byte[] Create(long producerId, short epoch, int baseSequence, int count = 1, long timestamp = -1, string? key = null)
    {
        if (timestamp < 0)
        {
            timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }

        using var builder = new RecordBatchBuilder { ProducerId = producerId, ProducerEpoch = epoch, BaseSequence = baseSequence };
        for (var i = 0; i < count; i++)
        {
            var value = Encoding.UTF8.GetBytes($"p{producerId}-e{epoch}-s{SequenceNumbers.Increment(baseSequence, i)}");
            builder.Append(timestamp + i, key is null ? null : Encoding.UTF8.GetBytes(key), value);
        }

        return builder.Build();
    }
}
