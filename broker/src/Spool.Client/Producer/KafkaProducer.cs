using System.Text;
using Spool.Client.Internal;
using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Client.Producer;

/// <summary>
/// Produces records like Java's <c>KafkaProducer</c>: records are batched per partition (batch.size, linger.ms),
/// compressed, sent by a background loop with retries until delivery.timeout.ms, and each
/// <see cref="ProduceAsync(ProducerRecord, CancellationToken)"/> task completes with the record's partition,
/// offset and timestamp. Records produced one after another from one caller keep their order per partition.
/// </summary>
public sealed class KafkaProducer : IAsyncDisposable
{
    private readonly KafkaClientCore _core;
    private readonly ProducerOptions _options;
    private readonly RecordAccumulator _accumulator;
    private readonly BufferMemory _memory;
    private readonly Sender _sender;
    private readonly IPartitioner _partitioner;
    private readonly Lock _appendLock = new();
    private Task _appendTail = Task.CompletedTask;
    private volatile bool _closed;

    public KafkaProducer(ProducerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _core = new KafkaClientCore(options, "Spool.Client.Producer", options.AllowAutoCreateTopics);
        _accumulator = new RecordAccumulator(options);
        _memory = new BufferMemory(options.BufferMemory);
        _partitioner = options.Partitioner ?? new DefaultPartitioner(options.BatchSize);
        _sender = new Sender(_core, options, _accumulator, _memory);
        _sender.Start();
    }

    /// <summary>
    /// Queues a record and returns a task that completes when the broker acknowledged it (or it failed for
    /// good). Waits for topic metadata and buffer memory at most max.block.ms; <paramref name="cancellationToken"/>
    /// cancels that wait only: once queued, a record is delivered or fails on its own.
    /// </summary>
    public Task<RecordMetadata> ProduceAsync(ProducerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.Topic);
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_sender.FatalError is { } fatal)
        {
            return Task.FromException<RecordMetadata>(fatal);
        }

        var size = EstimateSize(record);
        if (size > _options.MaxRequestSize || size > _options.BufferMemory)
        {
            return Task.FromException<RecordMetadata>(new KafkaException(
                ErrorCode.MessageTooLarge, $"the record is {size} bytes when serialized, more than max.request.size ({_options.MaxRequestSize}) or buffer.memory"));
        }

        lock (_appendLock)
        {
            // Records go through in call order: while an earlier one waits (metadata, memory), later ones queue behind it.
            if (_appendTail.IsCompleted && TryAppendNow(record, size, out var delivery))
            {
                return delivery;
            }

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var previous = _appendTail;
            _appendTail = gate.Task;

            // The caller gets the record's own completion, so that it is complete once a flush returns.
            var completion = new TaskCompletionSource<RecordMetadata>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = AppendWhenReadyAsync(record, size, previous, gate, completion, cancellationToken);
            return completion.Task;
        }
    }

    /// <summary>Produces a record; see <see cref="ProduceAsync(ProducerRecord, CancellationToken)"/>.</summary>
    public Task<RecordMetadata> ProduceAsync(
        string topic,
        byte[]? key,
        byte[]? value,
        IReadOnlyList<RecordHeader>? headers = null,
        int? partition = null,
        long? timestamp = null,
        CancellationToken cancellationToken = default) =>
        ProduceAsync(new ProducerRecord(topic, key, value, headers, partition, timestamp), cancellationToken);

    /// <summary>Sends every record produced so far without waiting for linger.ms and waits until all have completed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Task tail;
        lock (_appendLock)
        {
            tail = _appendTail;
        }

        await tail.WaitAsync(cancellationToken);
        _accumulator.BeginFlush();
        try
        {
            _sender.Wake();
            await Task.WhenAll(_accumulator.Pending()).WaitAsync(cancellationToken);
        }
        finally
        {
            _accumulator.EndFlush();
        }
    }

    /// <summary>Stops accepting records, sends what is queued (within delivery.timeout.ms) and closes connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        Task tail;
        lock (_appendLock)
        {
            tail = _appendTail;
        }

        await tail;
        await _sender.CloseAsync();
        await _core.DisposeAsync();
    }

    private async Task AppendWhenReadyAsync(
        ProducerRecord record, int size, Task previous, TaskCompletionSource gate, TaskCompletionSource<RecordMetadata> completion, CancellationToken cancellationToken)
    {
        try
        {
            await previous;
            var started = Environment.TickCount64;
            var topic = await _core.Metadata.WaitForTopicAsync(record.Topic, _options.MaxBlock, cancellationToken);
            var partition = ChoosePartition(record, topic, size);
            var left = _options.MaxBlock - TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
            await _memory.ReserveAsync(size, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
            _ = Append(record, partition, size, completion);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            completion.TrySetCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            completion.TrySetException(e);
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    /// <summary>The fast path: the topic is known and memory is free, so the record is queued without waiting.</summary>
    private bool TryAppendNow(ProducerRecord record, int size, out Task<RecordMetadata> delivery)
    {
        delivery = Task.FromResult<RecordMetadata>(null!);
        if (_core.Metadata.Current.Topic(record.Topic) is not { Error: ErrorCode.None, Partitions.Count: > 0 } topic || _memory.HasWaiters)
        {
            return false;
        }

        if (!_memory.TryReserve(size))
        {
            // Memory is short: the slow path waits max.block.ms for it.
            return false;
        }

        int partition;
        try
        {
            partition = ChoosePartition(record, topic, size);
        }
        catch (KafkaException e)
        {
            _memory.Release(size);
            delivery = Task.FromException<RecordMetadata>(e);
            return true;
        }

        delivery = Append(record, partition, size);
        return true;
    }

    private Task<RecordMetadata> Append(ProducerRecord record, int partition, int size, TaskCompletionSource<RecordMetadata>? completion = null)
    {
        var timestamp = record.Timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var delivery = _accumulator.Append(new TopicPartition(record.Topic, partition), timestamp, record, size, Environment.TickCount64, completion, out var wake);
        if (wake)
        {
            _sender.Wake();
        }

        return delivery;
    }

    private int ChoosePartition(ProducerRecord record, Metadata.TopicMetadata topic, int size)
    {
        var count = topic.Partitions.Count;
        if (record.Partition is { } explicitPartition)
        {
            return explicitPartition >= 0 && explicitPartition < count
                ? explicitPartition
                : throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"partition {explicitPartition} of {record.Topic} does not exist (it has {count})");
        }

        var chosen = _partitioner.Partition(new PartitionerContext(record.Topic, record.Key, size, count, topic.AvailablePartitions));
        return chosen >= 0 && chosen < count
            ? chosen
            : throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"the partitioner chose partition {chosen} of {record.Topic}, which has {count}");
    }

    /// <summary>An upper bound of the record's size in a batch of its own (Java's estimateSizeInBytesUpperBound).</summary>
    internal static int EstimateSize(ProducerRecord record)
    {
        var size = RecordBatchHeader.Size + 21 + 5 + (record.Key?.Length ?? 0) + 5 + (record.Value?.Length ?? 0) + 5;
        if (record.Headers is { } headers)
        {
            foreach (var header in headers)
            {
                size += 5 + Encoding.UTF8.GetByteCount(header.Key) + 5 + (header.Value?.Length ?? 0);
            }
        }

        return size;
    }
}
