using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage;

/// <summary>
/// The idempotent-producer state of one partition (Kafka's ProducerStateManager, without transactions): per producer
/// id its epoch and last batches. The leader checks each produced batch against it (fencing of old epochs, sequence
/// continuity, retries of recent batches); recovery and followers replay batches into it without checks.
/// </summary>
/// <remarks>Not thread-safe: the owning <see cref="PartitionLog"/> calls it under its append lock.</remarks>
internal sealed class ProducerStateManager
{
    private readonly Dictionary<long, ProducerStateEntry> _producers = [];

    public int Count => _producers.Count;

    public IEnumerable<ProducerStateEntry> Entries => _producers.Values;

    public ProducerStateEntry? Get(long producerId) => _producers.GetValueOrDefault(producerId);

    /// <summary>The already-appended batch that <paramref name="header"/> retries (same producer, epoch and sequence range), if any.</summary>
    public ProducerBatch? FindDuplicate(in RecordBatchHeader header)
    {
        if (!header.HasProducerId || header.IsControl || !_producers.TryGetValue(header.ProducerId, out var entry))
        {
            return null;
        }

        return entry.FindDuplicate(header.ProducerEpoch, header.BaseSequence, LastSequence(header));
    }

    /// <summary>
    /// Checks a batch the leader is about to append at <paramref name="firstOffset"/> and stages the producer's
    /// updated entry in <paramref name="staged"/> (so several batches of one request see each other). Kafka's rules:
    /// an epoch older than the producer's is fenced (INVALID_PRODUCER_EPOCH); a newer epoch must start at sequence 0;
    /// within an epoch the first sequence must follow the last one (wrapping at int.MaxValue); a producer with no
    /// state (new, or its batches all removed by retention) may start at any sequence, as Kafka does since KIP-360.
    /// </summary>
    public ErrorCode CheckAndStage(
        in RecordBatchHeader header,
        long firstOffset,
        long maxTimestamp,
        Dictionary<long, ProducerStateEntry> staged,
        TopicPartition topicPartition,
        out string? message)
    {
        message = null;
        var producerId = header.ProducerId;
        var epoch = header.ProducerEpoch;
        var firstSequence = header.BaseSequence;
        if (!staged.TryGetValue(producerId, out var entry))
        {
            entry = _producers.TryGetValue(producerId, out var current) ? current.Clone() : null;
        }

        if (entry is not null)
        {
            if (epoch < entry.Epoch)
            {
                message = $"Epoch of producer {producerId} at offset {firstOffset} in {topicPartition} is {epoch}, which is smaller than the last seen epoch {entry.Epoch}";
                return ErrorCode.InvalidProducerEpoch;
            }

            if (epoch != entry.Epoch)
            {
                if (firstSequence != 0)
                {
                    message = $"Invalid sequence number for new epoch of producer {producerId} at offset {firstOffset} in partition {topicPartition}: " +
                        $"{epoch} (request epoch), {firstSequence} (seq. number), {entry.Epoch} (current producer epoch)";
                    return ErrorCode.OutOfOrderSequenceNumber;
                }
            }
            else if (!SequenceNumbers.InSequence(entry.LastSequence, firstSequence))
            {
                message = $"Out of order sequence number for producer {producerId} at offset {firstOffset} in partition {topicPartition}: " +
                    $"{firstSequence} (incoming seq. number), {entry.LastSequence} (current end sequence number)";
                return ErrorCode.OutOfOrderSequenceNumber;
            }
        }

        entry ??= new ProducerStateEntry(producerId, epoch, maxTimestamp);
        entry.Add(epoch, new ProducerBatch(firstSequence, LastSequence(header), firstOffset, firstOffset + header.LastOffsetDelta, maxTimestamp));
        staged[producerId] = entry;
        return ErrorCode.None;
    }

    /// <summary>Makes the entries staged by <see cref="CheckAndStage"/> current (after the batches were written).</summary>
    public void Commit(Dictionary<long, ProducerStateEntry> staged)
    {
        foreach (var (producerId, entry) in staged)
        {
            _producers[producerId] = entry;
        }
    }

    /// <summary>Applies a batch already in the log (recovery, follower appends) without checks, as Kafka does for replication.</summary>
    public void Replay(in RecordBatchHeader header)
    {
        if (!header.HasProducerId || header.IsControl)
        {
            return;
        }

        if (!_producers.TryGetValue(header.ProducerId, out var entry))
        {
            entry = new ProducerStateEntry(header.ProducerId, header.ProducerEpoch, header.MaxTimestamp);
            _producers[header.ProducerId] = entry;
        }

        entry.Add(header.ProducerEpoch, new ProducerBatch(header.BaseSequence, LastSequence(header), header.BaseOffset, header.LastOffset, header.MaxTimestamp));
    }

    /// <summary>Forgets producers whose last batch lies below <paramref name="logStartOffset"/> (retention or DeleteRecords removed it).</summary>
    public int EvictBelow(long logStartOffset) => RemoveWhere(e => e.LastOffset < logStartOffset);

    /// <summary>Forgets producers whose last batch's timestamp is <paramref name="expirationMs"/> or more before <paramref name="nowMs"/> (producer.id.expiration.ms).</summary>
    public int RemoveExpired(long nowMs, long expirationMs) => RemoveWhere(e => nowMs - e.LastTimestamp >= expirationMs);

    public void Clear() => _producers.Clear();

    public void Load(IEnumerable<ProducerStateEntry> entries)
    {
        _producers.Clear();
        foreach (var entry in entries)
        {
            _producers[entry.ProducerId] = entry;
        }
    }

    /// <summary>Producer id to the offset of its last batch's last record: the batches compaction must keep for producer state.</summary>
    public Dictionary<long, long> LastOffsets() => _producers.Values.Where(e => !e.IsEmpty).ToDictionary(e => e.ProducerId, e => e.LastOffset);

    public static int LastSequence(in RecordBatchHeader header) => SequenceNumbers.Increment(header.BaseSequence, header.LastOffsetDelta);

    private int RemoveWhere(Func<ProducerStateEntry, bool> predicate)
    {
        var doomed = _producers.Values.Where(predicate).Select(e => e.ProducerId).ToList();
        foreach (var producerId in doomed)
        {
            _producers.Remove(producerId);
        }

        return doomed.Count;
    }
}
