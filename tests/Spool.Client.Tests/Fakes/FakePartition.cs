using Spool.Protocol.Records;

namespace Spool.Client.Tests.Fakes;

/// <summary>An in-memory partition log of a fake cluster: record batches as produced, with assigned offsets.</summary>
public sealed class FakePartition
{
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakePartition(int index, int leader)
    {
        Index = index;
        Leader = leader;
    }

    public int Index { get; }

    public int Leader { get; set; }

    public int LeaderEpoch { get; set; }

    public List<byte[]> Batches { get; } = [];

    public long LogStartOffset { get; set; }

    public long NextOffset { get; private set; }

    /// <summary>Idempotence state per producer id: epoch, last sequence and the offsets of recent batches by first sequence.</summary>
    public Dictionary<long, (short Epoch, int LastSequence, Dictionary<int, long> OffsetsBySequence)> Producers { get; } = [];

    public Task Appended => _appended.Task;

    /// <summary>Stores a batch at the next offset and returns its base offset.</summary>
    public long Append(ReadOnlySpan<byte> batch)
    {
        var copy = batch.ToArray();
        var baseOffset = NextOffset;
        RecordBatchHeader.SetBaseOffset(copy, baseOffset);
        RecordBatchHeader.SetPartitionLeaderEpoch(copy, LeaderEpoch);
        RecordBatchHeader.TryRead(copy, out var header);
        Batches.Add(copy);
        NextOffset = baseOffset + header.LastOffsetDelta + 1;
        var signal = _appended;
        _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.TrySetResult();
        return baseOffset;
    }

    /// <summary>Whole batches from the one holding <paramref name="offset"/>, at least one, up to about <paramref name="maxBytes"/>.</summary>
    public byte[] Read(long offset, int maxBytes)
    {
        var output = new List<byte>();
        foreach (var batch in Batches)
        {
            RecordBatchHeader.TryRead(batch, out var header);
            if (header.LastOffset < offset || header.LastOffset < LogStartOffset)
            {
                continue;
            }

            if (output.Count > 0 && output.Count + batch.Length > maxBytes)
            {
                break;
            }

            output.AddRange(batch);
        }

        return [.. output];
    }

    /// <summary>The first offset with a timestamp at or after <paramref name="timestamp"/>, and that timestamp; -1 when none.</summary>
    public (long Offset, long Timestamp) OffsetForTime(long timestamp)
    {
        foreach (var record in AllRecords())
        {
            if (record.Offset >= LogStartOffset && record.Timestamp >= timestamp)
            {
                return (record.Offset, record.Timestamp);
            }
        }

        return (-1, -1);
    }

    public (long Offset, long Timestamp) MaxTimestamp()
    {
        (long Offset, long Timestamp) best = (-1, -1);
        foreach (var record in AllRecords())
        {
            if (record.Offset >= LogStartOffset && record.Timestamp > best.Timestamp)
            {
                best = (record.Offset, record.Timestamp);
            }
        }

        return best;
    }

    public List<Spool.Protocol.Records.Record> AllRecords() => [.. Batches.SelectMany(b => RecordBatchReader.ReadAllRecords(b))];
}
