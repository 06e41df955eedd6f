using System.Text;
using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

/// <summary>Reads every record and batch of a log back through <see cref="PartitionLog.Read"/>, checking each CRC.</summary>
internal static class LogRecords
{
    public static List<StoredRecord> ReadAll(PartitionLog log) =>
        Batches(log).SelectMany(b => Records(b.Header, b.Bytes)).ToList();

    public static List<(RecordBatchHeader Header, byte[] Bytes)> Batches(PartitionLog log)
    {
        var batches = new List<(RecordBatchHeader, byte[])>();
        var offset = log.LogStartOffset;
        while (offset < log.LogEndOffset)
        {
            using var result = log.Read(offset, 1 << 20);
            result.Error.Should().Be(ErrorCode.None);
            if (result.IsEmpty)
            {
                break;
            }

            batches.AddRange(TestBatch.Split(result.Records.Span));
            offset = result.NextOffset;
        }

        return batches;
    }

    public static IEnumerable<StoredRecord> Records(RecordBatchHeader header, byte[] bytes)
    {
        foreach (var record in new RecordBatch(header, bytes).Records())
        {
            yield return new StoredRecord(
                record.Offset,
                record.Key is { } k ? Encoding.UTF8.GetString(k.Span) : null,
                record.Value is { } v ? Encoding.UTF8.GetString(v.Span) : null,
                record.Timestamp);
        }
    }
}
