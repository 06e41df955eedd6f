namespace Spool.Storage;

/// <summary>
/// The state of one producer id in one partition (Kafka's ProducerStateEntry): its epoch, the metadata of its last
/// <see cref="RetainedBatches"/> batches (oldest first) and the timestamp of its last batch, which expiration uses.
/// </summary>
internal sealed class ProducerStateEntry
{
    /// <summary>Batches remembered per producer: the producer's max.in.flight.requests.per.connection limit for idempotence.</summary>
    public const int RetainedBatches = 5;

    private readonly List<ProducerBatch> _batches;

    public ProducerStateEntry(long producerId, short epoch, long lastTimestamp, IEnumerable<ProducerBatch>? batches = null)
    {
        ProducerId = producerId;
        Epoch = epoch;
        LastTimestamp = lastTimestamp;
        _batches = batches is null ? new List<ProducerBatch>(RetainedBatches) : [.. batches];
    }

    public long ProducerId { get; }

    public short Epoch { get; private set; }

    public long LastTimestamp { get; private set; }

    public IReadOnlyList<ProducerBatch> Batches => _batches;

    public bool IsEmpty => _batches.Count == 0;

    public int LastSequence => _batches.Count == 0 ? -1 : _batches[^1].LastSequence;

    /// <summary>Offset of the producer's last batch's last record, -1 when none.</summary>
    public long LastOffset => _batches.Count == 0 ? -1 : _batches[^1].LastOffset;

    public ProducerStateEntry Clone() => new(ProducerId, Epoch, LastTimestamp, _batches);

    /// <summary>The remembered batch with exactly this epoch and sequence range (a retry of it), if any.</summary>
    public ProducerBatch? FindDuplicate(short epoch, int firstSequence, int lastSequence)
    {
        if (epoch != Epoch)
        {
            return null;
        }

        foreach (var batch in _batches)
        {
            if (batch.FirstSequence == firstSequence && batch.LastSequence == lastSequence)
            {
                return batch;
            }
        }

        return null;
    }

    /// <summary>Records a batch; a new epoch forgets the batches of the old one.</summary>
    public void Add(short epoch, ProducerBatch batch)
    {
        if (epoch != Epoch)
        {
            _batches.Clear();
            Epoch = epoch;
        }

        if (_batches.Count == RetainedBatches)
        {
            _batches.RemoveAt(0);
        }

        _batches.Add(batch);
        LastTimestamp = batch.MaxTimestamp;
    }
}
