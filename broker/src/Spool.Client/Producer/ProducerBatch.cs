using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Spool.Protocol.Records;

namespace Spool.Client.Producer;

/// <summary>
/// The records of one partition that travel together: open while records are appended, closed (encoded once)
/// when drained for sending, and re-sent as the same bytes on retries (only the idempotence fields and the
/// CRC are patched when its producer epoch changes).
/// </summary>
internal sealed class ProducerBatch : IDisposable
{
    private readonly List<(TaskCompletionSource<RecordMetadata> Completion, long Timestamp)> _records = [];
    private RecordBatchBuilder? _builder;

    public ProducerBatch(TopicPartition partition, CompressionType compression, long createdAt)
    {
        Partition = partition;
        _builder = new RecordBatchBuilder(compression);
        CreatedAt = createdAt;
    }

    public TopicPartition Partition { get; }

    /// <summary>Environment.TickCount64 when the first record arrived (linger and delivery timeout count from here).</summary>
    public long CreatedAt { get; }

    public int RecordCount => _records.Count;

    /// <summary>The uncompressed size so far, compared with batch.size.</summary>
    public int EstimatedSize => _builder?.UncompressedSize ?? Encoded?.Length ?? 0;

    /// <summary>Bytes of buffer.memory the records reserved.</summary>
    public int ReservedBytes { get; private set; }

    public byte[]? Encoded { get; private set; }

    public bool IsClosed => Encoded is not null;

    public int Attempts { get; set; }

    /// <summary>Environment.TickCount64 before which a retry is not sent.</summary>
    public long RetryAt { get; set; }

    public long ProducerId { get; private set; } = -1;

    public short ProducerEpoch { get; private set; } = -1;

    public int BaseSequence { get; private set; } = -1;

    /// <summary>Completes (successfully) when every record's outcome is known; what flush waits for.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Appends a record unless the batch would exceed <paramref name="maxSize"/> (an empty batch takes any record).
    /// The record's outcome completes <paramref name="completion"/> (a new one when null) before <see cref="Done"/>.
    /// </summary>
    public bool TryAppend(
        long timestamp,
        byte[]? key,
        byte[]? value,
        IReadOnlyList<RecordHeader>? headers,
        int recordSize,
        int maxSize,
        TaskCompletionSource<RecordMetadata>? completion,
        [NotNullWhen(true)] out Task<RecordMetadata>? result)
    {
        if (_builder is null || (_records.Count > 0 && _builder.UncompressedSize + recordSize > maxSize))
        {
            result = null;
            return false;
        }

        _builder.Append(timestamp, key, value, headers);
        completion ??= new TaskCompletionSource<RecordMetadata>(TaskCreationOptions.RunContinuationsAsynchronously);
        _records.Add((completion, timestamp));
        ReservedBytes += recordSize;
        result = completion.Task;
        return true;
    }

    /// <summary>Encodes the batch; no record can be added afterwards.</summary>
    public void Close()
    {
        if (_builder is null)
        {
            return;
        }

        Encoded = _builder.Build();
        _builder.Dispose();
        _builder = null;
    }

    /// <summary>Stamps the idempotent producer's id, epoch and first sequence into the encoded batch.</summary>
    public void SetProducerState(long producerId, short epoch, int baseSequence)
    {
        var bytes = Encoded ?? throw new InvalidOperationException("the batch is not closed");
        ProducerId = producerId;
        ProducerEpoch = epoch;
        BaseSequence = baseSequence;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(RecordBatchHeader.ProducerIdOffset), producerId);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(RecordBatchHeader.ProducerEpochOffset), epoch);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(RecordBatchHeader.BaseSequenceOffset), baseSequence);
        RecordBatchHeader.UpdateCrc(bytes);
    }

    public void Complete(long baseOffset, long logAppendTime)
    {
        for (var i = 0; i < _records.Count; i++)
        {
            var (completion, timestamp) = _records[i];
            completion.TrySetResult(new RecordMetadata(
                Partition.Topic, Partition.Partition, baseOffset < 0 ? -1 : baseOffset + i, logAppendTime >= 0 ? logAppendTime : timestamp));
        }

        Done.TrySetResult();
    }

    public void Dispose()
    {
        _builder?.Dispose();
        _builder = null;
    }

    public void Fail(Exception error)
    {
        foreach (var (completion, _) in _records)
        {
            completion.TrySetException(error);
        }

        _builder?.Dispose();
        _builder = null;
        Done.TrySetResult();
    }
}
