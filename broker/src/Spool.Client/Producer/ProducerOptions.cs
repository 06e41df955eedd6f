using Spool.Protocol.Records;
using Spool.Protocol.Records.Compression;

namespace Spool.Client.Producer;

/// <summary>Settings of <see cref="KafkaProducer"/>; Java client names and defaults unless stated otherwise.</summary>
public sealed class ProducerOptions : ClientOptions
{
    /// <summary><c>acks</c>.</summary>
    public Acks Acks { get; set; } = Acks.All;

    /// <summary><c>batch.size</c>: the uncompressed bytes a partition's batch may grow to before it is sent.</summary>
    public int BatchSize { get; set; } = 16 * 1024;

    /// <summary><c>linger.ms</c>: how long a batch that is not full waits for more records.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary><c>max.in.flight.requests.per.connection</c>: produce requests awaiting a response per broker.</summary>
    public int MaxInFlightRequestsPerConnection { get; set; } = 5;

    /// <summary><c>compression.type</c>: none, gzip, snappy, lz4 or zstd.</summary>
    public CompressionType CompressionType { get; set; } = CompressionType.None;

    /// <summary><c>retries</c>: how often a batch that failed with a retriable error is resent.</summary>
    public int Retries { get; set; } = int.MaxValue;

    /// <summary><c>delivery.timeout.ms</c>: the time from accepting a record to giving up on it, retries included.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><c>max.request.size</c>: the largest produce request, and so the largest record.</summary>
    public int MaxRequestSize { get; set; } = 1024 * 1024;

    /// <summary><c>buffer.memory</c>: bytes of records waiting to be sent; producing blocks when it is used up.</summary>
    public long BufferMemory { get; set; } = 32L * 1024 * 1024;

    /// <summary><c>max.block.ms</c>: how long producing may wait for topic metadata or buffer memory.</summary>
    public TimeSpan MaxBlock { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <c>enable.idempotence</c>: producer id and per-partition sequence numbers, so retries cannot duplicate
    /// or reorder records. Off by default in Spool until its broker serves InitProducerId (Java's default is on).
    /// </summary>
    public bool EnableIdempotence { get; set; }

    /// <summary><c>transaction.timeout.ms</c> sent with InitProducerId (the broker validates it even without transactions).</summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>partitioner.class</c>: chooses partitions for records without one; null for <see cref="DefaultPartitioner"/>.</summary>
    public IPartitioner? Partitioner { get; set; }

    /// <summary><c>allow.auto.create.topics</c>: let metadata requests create missing topics (if the broker allows it).</summary>
    public bool AllowAutoCreateTopics { get; set; } = true;

    internal override void Validate()
    {
        base.Validate();
        if (BatchSize <= 0 || MaxRequestSize <= 0 || BufferMemory <= 0 || MaxInFlightRequestsPerConnection <= 0 || Retries < 0)
        {
            throw new ArgumentException("batch.size, max.request.size, buffer.memory and max.in.flight.requests.per.connection must be positive, retries not negative");
        }

        RequireNonNegative(Linger, "linger.ms");
        RequireNonNegative(MaxBlock, "max.block.ms");
        if (DeliveryTimeout < Linger + RequestTimeout)
        {
            throw new ArgumentException("delivery.timeout.ms must be at least linger.ms + request.timeout.ms");
        }

        if (!RecordCompression.IsSupported(CompressionType, out var reason))
        {
            throw new ArgumentException($"compression.type {CompressionType} is not available: {reason}");
        }

        if (EnableIdempotence && (Acks != Acks.All || MaxInFlightRequestsPerConnection > 5 || Retries == 0))
        {
            throw new ArgumentException("enable.idempotence requires acks=all, max.in.flight.requests.per.connection <= 5 and retries > 0");
        }
    }
}
