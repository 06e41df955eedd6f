using System.Buffers.Binary;
using Spool.Protocol.Records;

namespace Spool.Broker.Handlers;

/// <summary>Counts the records of whole batches by hopping from header to header (no decoding).</summary>
public static class BatchCounter
{
    public static long CountRecords(ReadOnlySpan<byte> batches)
    {
        long count = 0;
        while (batches.Length >= RecordBatchHeader.Size)
        {
            var size = RecordBatchHeader.LogOverhead + BinaryPrimitives.ReadInt32BigEndian(batches[RecordBatchHeader.BatchLengthOffset..]);
            if (size > batches.Length || size < RecordBatchHeader.Size)
            {
                break;
            }

            count += BinaryPrimitives.ReadInt32BigEndian(batches[RecordBatchHeader.RecordCountOffset..]);
            batches = batches[size..];
        }

        return count;
    }
}
